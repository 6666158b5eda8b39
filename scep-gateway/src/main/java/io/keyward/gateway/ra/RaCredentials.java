package io.keyward.gateway.ra;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

import io.keyward.scep.RecipientKey;

/**
 * The RA's two key pairs, decrypted, as the SCEP endpoint uses them.
 *
 * @param signingCertificate signs CertReps (digitalSignature)
 * @param signingKey its private key
 * @param encryptionCertificate clients encrypt pkcsPKIEnvelopes to it (keyEncipherment)
 * @param encryptionKey its private key
 */
public record RaCredentials(X509Certificate signingCertificate, PrivateKey signingKey,
		X509Certificate encryptionCertificate, PrivateKey encryptionKey) {

	/**
	 * @return the key the request decoder decrypts with
	 */
	public RecipientKey recipient() {
		return new RecipientKey(this.encryptionCertificate, this.encryptionKey);
	}

	@Override
	public String toString() {
		return "RaCredentials[signing=" + this.signingCertificate.getSerialNumber().toString(16) + ", encryption="
				+ this.encryptionCertificate.getSerialNumber().toString(16) + "]";
	}

}
