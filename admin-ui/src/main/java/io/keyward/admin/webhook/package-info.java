/**
 * Webhook dead letters (issue 14): the admin API and the dashboard page over the
 * challenge-service's deliveries that used up their attempts, and their audited replay.
 */
package io.keyward.admin.webhook;
