/**
 * One-time challenge passwords: minting for MDM clients and redemption for the
 * scep-gateway. Only an HMAC of a challenge is stored; redemption is a single conditional
 * UPDATE so that a challenge is accepted exactly once (RFC 8894 section 7.3).
 */
@NullMarked
package io.keyward.challenge.onetime;

import org.jspecify.annotations.NullMarked;
