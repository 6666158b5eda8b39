package io.keyward.api.gateway;

import java.time.Instant;

/**
 * One SCEP transaction as the gateway recorded it.
 *
 * @param transactionId the SCEP transactionID
 * @param profile enrollment profile
 * @param messageType PKCSReq, RenewalReq, ...
 * @param subject subject DN from the CSR (attacker-controlled text)
 * @param status ISSUED, FAILED or RECEIVED (open: in progress, or waiting for the gateway
 * to complete it after an upstream outage; the device was told PENDING)
 * @param failInfo the RFC 8894 failInfo name when FAILED (badRequest, badMessageCheck
 * ...)
 * @param failureReason human-readable reason when FAILED
 * @param certificateSerial hex serial of the issued certificate when ISSUED
 * @param createdAt when the request arrived
 * @param updatedAt last change
 * @param id the gateway's identifier of the transaction (a UUID), for the approval API
 * @param decidedBy who approved or rejected it, null when nobody decided
 * @param decidedAt when, null when nobody decided
 * @param decisionComment the decider's comment, may be null
 */
public record EnrollmentTransaction(String transactionId, String profile, String messageType, String subject,
		String status, String failInfo, String failureReason, String certificateSerial, Instant createdAt,
		Instant updatedAt, String id, String decidedBy, Instant decidedAt, String decisionComment) {
}
