package io.keyward.gateway.ra;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import io.keyward.api.SerialNumbers;
import io.keyward.scep.RecipientKey;

/**
 * The RA's two key pairs, decrypted, as the SCEP endpoint uses them.
 *
 * @param signingCertificate signs CertReps (digitalSignature)
 * @param signingKey its private key
 * @param encryptionCertificate clients encrypt pkcsPKIEnvelopes to it (keyEncipherment)
 * @param encryptionKey its private key
 * @param previousRecipients renewed encryption keys whose certificates have not expired:
 * a device may still envelope to the certificate it fetched before the renewal
 */
public record RaCredentials(X509Certificate signingCertificate, PrivateKey signingKey,
		X509Certificate encryptionCertificate, PrivateKey encryptionKey, List<RecipientKey> previousRecipients) {

	/**
	 * @return the keys the request decoder decrypts with: the current one first, then the
	 * previous ones
	 */
	public List<RecipientKey> recipients() {
		List<RecipientKey> all = new ArrayList<>();
		all.add(new RecipientKey(this.encryptionCertificate, this.encryptionKey));
		all.addAll(this.previousRecipients);
		return List.copyOf(all);
	}

	@Override
	public String toString() {
		return "RaCredentials[signing=" + SerialNumbers.hex(this.signingCertificate.getSerialNumber()) + ", encryption="
				+ SerialNumbers.hex(this.encryptionCertificate.getSerialNumber()) + ", previousEncryption="
				+ this.previousRecipients.size() + "]";
	}

}
