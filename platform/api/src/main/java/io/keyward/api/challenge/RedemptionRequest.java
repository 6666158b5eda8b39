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
 * @param keyUsage the key usages the CSR's extensionRequest asks for, as RFC 5280 section
 * 4.2.1.3 names ({@code digitalSignature}, {@code keyEncipherment}, ...); empty when
 * none, null when the gateway did not say (a bound key usage then never matches)
 */
public record RedemptionRequest(String challenge, String profile, String transactionId, String subject,
		List<String> subjectAltNames, String publicKeySha256, Instant arrivedAt, String csr, List<String> keyUsage) {

	/**
	 * A redemption with the CSR itself but without its key usages.
	 */
	public RedemptionRequest(String challenge, String profile, String transactionId, String subject,
			List<String> subjectAltNames, String publicKeySha256, Instant arrivedAt, String csr) {
		this(challenge, profile, transactionId, subject, subjectAltNames, publicKeySha256, arrivedAt, csr, null);
	}

	/**
	 * A redemption with the key usages but without the CSR itself.
	 */
	public RedemptionRequest(String challenge, String profile, String transactionId, String subject,
			List<String> subjectAltNames, String publicKeySha256, Instant arrivedAt, List<String> keyUsage) {
		this(challenge, profile, transactionId, subject, subjectAltNames, publicKeySha256, arrivedAt, null, keyUsage);
	}

	/**
	 * A redemption without the CSR itself or its key usages.
	 */
	public RedemptionRequest(String challenge, String profile, String transactionId, String subject,
			List<String> subjectAltNames, String publicKeySha256, Instant arrivedAt) {
		this(challenge, profile, transactionId, subject, subjectAltNames, publicKeySha256, arrivedAt, null, null);
	}

	/**
	 * A redemption of a request that arrives now.
	 */
	public RedemptionRequest(String challenge, String profile, String transactionId, String subject,
			List<String> subjectAltNames, String publicKeySha256) {
		this(challenge, profile, transactionId, subject, subjectAltNames, publicKeySha256, null, null, null);
	}

}
