package io.keyward.api.challenge;

/**
 * The gateway gives back a challenge its transaction redeemed when the ca-adapter then
 * refused to sign the CSR (the template's policy), so that the device's corrected request
 * can spend it (issue 13).
 *
 * @param challenge the challengePassword as the device sent it
 * @param profile the enrollment profile the request arrived on
 * @param transactionId the SCEP transactionID that redeemed it: nothing else can release
 * it
 * @param publicKeySha256 hex SHA-256 of the refused CSR's SubjectPublicKeyInfo, as
 * redeemed
 * @param reason why the CA refused, as the device is told
 */
public record ReleaseRequest(String challenge, String profile, String transactionId, String publicKeySha256,
		String reason) {
}
