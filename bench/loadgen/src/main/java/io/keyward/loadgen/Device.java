package io.keyward.loadgen;

import java.security.KeyPair;
import java.security.cert.X509Certificate;

/**
 * One simulated device, prepared before the timed phase.
 *
 * @param index position in the run (warm-up devices first)
 * @param keys the device key pair
 * @param signer the self-signed signer certificate for PKCSReq (RFC 8894 section 2.3)
 * @param transactionId hex SHA-256 of the public key, as micromdm's scepclient makes it
 * @param challenge the challengePassword, or null
 * @param csr the DER PKCS#10 for PKCSReq
 * @param renewal the second key pair and CSR for a RenewalReq, or null
 */
public record Device(int index, KeyPair keys, X509Certificate signer, String transactionId, String challenge,
		byte[] csr, Renewal renewal) {

	/**
	 * The renewal half of a device: a new key and its CSR; the request is signed with the
	 * certificate issued to {@link Device#keys()}.
	 *
	 * @param keys the new key pair
	 * @param transactionId hex SHA-256 of the new public key
	 * @param csr the DER PKCS#10 for the new key
	 */
	public record Renewal(KeyPair keys, String transactionId, byte[] csr) {

	}

}
