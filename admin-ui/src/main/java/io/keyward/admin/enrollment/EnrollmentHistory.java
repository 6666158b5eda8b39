package io.keyward.admin.enrollment;

import java.util.List;

import io.keyward.api.ca.IssuedCertificate;
import io.keyward.api.challenge.ChallengeLife;
import io.keyward.api.event.WebhookDelivery;
import io.keyward.api.gateway.EnrollmentTransaction;

/**
 * One enrollment followed by its correlation id (issue 14), as the admin API answers
 * {@code GET /api/v1/enrollments/{correlationId}} and the page
 * {@code /enrollments/{correlationId}} shows it: challenge, request(s), certificate(s),
 * renewals, notifications. Subjects and transactionIDs are attacker-controlled text.
 *
 * @param correlationId the id
 * @param challenge the challenge's life, null when no challenge has the id (a renewal's,
 * a profile without challenges, or purged)
 * @param transactions the gateway's transactions under the id, newest first
 * @param certificates the certificates the ca-adapter issued under the id, oldest first
 * @param renewals the certificates that renewed them, in order (each renewal has its own
 * correlation id)
 * @param notifications the webhook deliveries of the enrollment's events, in any state,
 * oldest first
 */
public record EnrollmentHistory(String correlationId, ChallengeLife challenge, List<EnrollmentTransaction> transactions,
		List<IssuedCertificate> certificates, List<IssuedCertificate> renewals, List<WebhookDelivery> notifications) {
}
