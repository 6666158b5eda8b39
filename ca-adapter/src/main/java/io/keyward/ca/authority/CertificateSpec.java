package io.keyward.ca.authority;

import java.time.Duration;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * What to put in an end-entity certificate, after the template's policy was applied.
 *
 * @param subject subject DN, rebuilt by the template's policy
 * @param publicKey the CSR's public key
 * @param subjectAltNames the SANs the template allows, possibly empty
 * @param keyUsage Bouncy Castle {@link org.bouncycastle.asn1.x509.KeyUsage} bits, never 0
 * @param extendedKeyUsage EKU purposes; empty means no extendedKeyUsage extension
 * @param validity how long from now the certificate is valid
 * @param extensions further extensions the policy decided, for example Microsoft's SID
 * extension; added as they are
 */
public record CertificateSpec(X500Name subject, SubjectPublicKeyInfo publicKey, List<GeneralName> subjectAltNames,
		int keyUsage, List<KeyPurposeId> extendedKeyUsage, Duration validity, List<Extension> extensions) {

	public CertificateSpec {
		subjectAltNames = List.copyOf(subjectAltNames);
		extendedKeyUsage = List.copyOf(extendedKeyUsage);
		extensions = List.copyOf(extensions);
		if (keyUsage == 0) {
			throw new IllegalArgumentException("a certificate needs at least one key usage");
		}
		if (validity.isNegative() || validity.isZero()) {
			throw new IllegalArgumentException("validity must be positive");
		}
	}

}
