package io.keyward.api.gateway;

import java.time.Instant;

/**
 * One SCEP transaction as the gateway recorded it.
 *
 * @param transactionId the SCEP transactionID
 * @param profile enrollment profile
 * @param messageType PKCSReq, RenewalReq, ...
 * @param subject subject DN from the CSR (attacker-controlled text)
 * @param status ISSUED, FAILED, RECEIVED (open: in progress, or waiting for the gateway
 * to complete it after an upstream outage or an approval; the device was told PENDING) or
 * WAITING_APPROVAL (its profile requires an admin's approval; the device polls)
 * @param failInfo the RFC 8894 failInfo name when FAILED (badRequest, badMessageCheck
 * ...)
 * @param failureReason human-readable reason when FAILED
 * @param certificateSerial hex serial of the issued certificate when ISSUED
 * @param createdAt when the request arrived
 * @param updatedAt last change
 * @param id the gateway's own id of the transaction, for approve and reject
 * @param decidedBy who approved or rejected it, null while undecided
 * @param decidedAt when
 * @param decisionComment the comment given with the decision
 * @param contentEncryptionAlgorithm the device's pkcsPKIEnvelope cipher by Bouncy
 * Castle's name, for example {@code DESEDE-3KEY/CBC}, or the dotted OID such as
 * {@code 1.3.14.3.2.7} (single DES); {@code null} for transactions recorded before the
 * gateway kept it
 * @param keyTransportAlgorithm {@code RSA} (PKCS#1 v1.5) or {@code RSAOAEP}
 * @param digestAlgorithm the SignerInfo digest, for example {@code SHA256} or
 * {@code SHA1}
 * @param signatureAlgorithm the SignerInfo signature algorithm, for example
 * {@code SHA256WITHRSA}, or {@code RSA} where the device wrote rsaEncryption
 * @param correlationId the correlation id of the enrollment (issue 14): the redeemed
 * challenge's, or one the gateway made for a renewal or a request without a challenge;
 * null for transactions recorded before the gateway kept it
 */
public record EnrollmentTransaction(String transactionId, String profile, String messageType, String subject,
		String status, String failInfo, String failureReason, String certificateSerial, Instant createdAt,
		Instant updatedAt, String id, String decidedBy, Instant decidedAt, String decisionComment,
		String contentEncryptionAlgorithm, String keyTransportAlgorithm, String digestAlgorithm,
		String signatureAlgorithm, String correlationId) {
}
