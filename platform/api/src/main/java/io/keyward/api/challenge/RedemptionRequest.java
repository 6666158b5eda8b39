package io.keyward.api.challenge;

import java.time.Instant;
import java.util.List;

/**
 * The gateway asks the challenge-service to redeem the challengePassword of a PKCSReq.
 *
 * @param challenge the challengePassword as the device sent it
 * @param profile the enrollment profile the request arrived on
 * @param transactionId the SCEP transactionID (RFC 8894 section 3.2.1.1)
 * @param subject the subject DN of the CSR (RFC 4514 string)
 * @param subjectAltNames the SANs the CSR asks for, as {@code type:value}
 * @param publicKeySha256 hex SHA-256 of the CSR's SubjectPublicKeyInfo
 * @param arrivedAt when the device's request arrived at the gateway: a challenge valid
 * then stays redeemable by this transaction for a bounded grace after it expired, so an
 * upstream outage does not cost the device its challenge; null means now
 * @param csr the PKCS#10 exactly as the device sent it, standard base64 of its DER
 * without line breaks: external validators (Intune's {@code validateRequest}, a webhook)
 * judge the request itself; null where the caller has none
 */
public record RedemptionRequest(String challenge, String profile, String transactionId, String subject,
		List<String> subjectAltNames, String publicKeySha256, Instant arrivedAt, String csr) {

	/**
	 * A redemption without the CSR itself.
	 */
	public RedemptionRequest(String challenge, String profile, String transactionId, String subject,
			List<String> subjectAltNames, String publicKeySha256, Instant arrivedAt) {
		this(challenge, profile, transactionId, subject, subjectAltNames, publicKeySha256, arrivedAt, null);
	}

	/**
	 * A redemption of a request that arrives now.
	 */
	public RedemptionRequest(String challenge, String profile, String transactionId, String subject,
			List<String> subjectAltNames, String publicKeySha256) {
		this(challenge, profile, transactionId, subject, subjectAltNames, publicKeySha256, null, null);
	}

}
