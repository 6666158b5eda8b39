/**
 * Enrollment events (issue 14): the intake the scep-gateway and the ca-adapter publish
 * to, the outbox, and their delivery to the configured webhooks with retries and a
 * dead-letter list.
 */
@NullMarked
package io.keyward.challenge.event;

import org.jspecify.annotations.NullMarked;
