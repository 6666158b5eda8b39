/**
 * Enrollment events the ca-adapter publishes (issue 14): REVOKED after a revocation
 * commits and EXPIRING once per certificate before its end, through an outbox relayed to
 * the challenge-service's intake.
 */
package io.keyward.ca.event;
