/**
 * Enrollment events (issue 14): the outbox written with each transaction's outcome and
 * the relay that hands its rows to the challenge-service, which delivers them to the
 * configured webhooks.
 */
package io.keyward.gateway.event;
