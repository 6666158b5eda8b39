package io.keyward.scep;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A key the server can decrypt pkcsPKIEnvelopes with: an RA (or CA) encryption
 * certificate and its private key. Clients choose which published certificate they
 * encrypt to, so the decoder tries every configured key.
 *
 * @param certificate the certificate clients address in the KeyTransRecipientInfo
 * @param privateKey its private key
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8894#section-2.1">RFC 8894 section
 * 2.1</a>
 */
public record RecipientKey(X509Certificate certificate, PrivateKey privateKey) {

	public RecipientKey {
		Objects.requireNonNull(certificate, "certificate");
		Objects.requireNonNull(privateKey, "privateKey");
	}

	@Override
	public String toString() {
		return "RecipientKey[" + this.certificate.getSubjectX500Principal() + "]";
	}

}
