/**
 * The {@code webhook} challenge mode: a configured endpoint decides whether a request is
 * issued (step-ca's SCEPCHALLENGE webhook, HMAC-signed).
 */
@NullMarked
package io.keyward.challenge.webhook;

import org.jspecify.annotations.NullMarked;
