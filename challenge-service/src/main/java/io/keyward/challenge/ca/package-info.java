/**
 * The challenge-service as a caller of the ca-adapter (the NDES page's CA certificate
 * read, revocations on behalf of Intune).
 */
@NullMarked
package io.keyward.challenge.ca;

import org.jspecify.annotations.NullMarked;
