package io.keyward.ca.issuance;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.keyward.edge.pem.CertificatePem;
import io.keyward.ca.template.CertificateRequestRefused;
import io.keyward.ca.template.CertificateSigningRequest;
import io.keyward.ca.template.StrongMapping;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * The certificate a renewal replaces (RFC 8894 section 2.5), as this CA issued it. The
 * new certificate keeps its subject and SANs: the renewal was authorised by the old
 * certificate's key, not by a challenge bound to what the CSR asks for, so the CSR
 * contributes only its public key (whose self-signature was verified, the proof of
 * possession RFC 8894 section 7.6 says a renewal otherwise lacks).
 *
 * @param serial the renewed certificate's serial, as stored
 * @param template the template it was issued under
 * @param subject its subject, encoded exactly as issued
 * @param subjectAltNames its SANs, before the template's policy is applied again
 */
record RenewedCertificate(String serial, String template, X500Name subject, List<GeneralName> subjectAltNames) {

	/**
	 * @param serial the issue request's {@code renewalOf}: any hex spelling, or null or
	 * blank for a first enrollment
	 * @return the serial as stored, null for a first enrollment
	 */
	static String serial(String serial) {
		if (serial == null || serial.isBlank()) {
			return null;
		}
		try {
			return CertificateInventory.normalizeSerial(serial);
		}
		catch (IllegalArgumentException ex) {
			throw new CertificateRequestRefused("renewalOf must be a hexadecimal serial number");
		}
	}

	/**
	 * @param serial as stored
	 * @throws CertificateRequestRefused when this CA did not issue it or it can no longer
	 * be renewed
	 */
	static RenewedCertificate find(CertificateStore store, String serial, Instant now) {
		return of(
				store.findBySerial(serial)
					.orElseThrow(() -> new CertificateRequestRefused(
							"no certificate with serial " + serial + " was issued by this CA; it cannot be renewed")),
				now);
	}

	/**
	 * @param stored the certificate named by the issue request's {@code renewalOf}
	 * @param now the CA's clock
	 * @throws CertificateRequestRefused when it can no longer be renewed: revoked or
	 * expired
	 */
	static RenewedCertificate of(CertificateRecord stored, Instant now) {
		if (stored.revokedAt() != null) {
			throw new CertificateRequestRefused("certificate " + stored.serial() + " to renew was revoked ("
					+ stored.revocationReason() + ") at " + stored.revokedAt() + "; enroll again with a challenge");
		}
		if (!now.isBefore(stored.notAfter())) {
			throw new CertificateRequestRefused("certificate " + stored.serial() + " to renew expired at "
					+ stored.notAfter() + "; enroll again with a challenge");
		}
		X509Certificate certificate = CertificatePem.parse(stored.pem());
		X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
		byte[] extension = certificate.getExtensionValue(Extension.subjectAlternativeName.getId());
		List<GeneralName> sans = (extension != null)
				? List.of(GeneralNames.getInstance(ASN1OctetString.getInstance(extension).getOctets()).getNames())
				: List.of();
		return new RenewedCertificate(stored.serial(), stored.template(), subject, sans);
	}

	/**
	 * @param csr the renewal's verified CSR
	 * @return what the template's policy is applied to: this certificate's names, the
	 * CSR's key
	 */
	CertificateSigningRequest applyTo(CertificateSigningRequest csr) {
		return new CertificateSigningRequest(csr.der(), this.subject, csr.publicKey(),
				this.subjectAltNames.stream().filter((name) -> !StrongMapping.isSidUrl(name)).toList());
	}

	/**
	 * @return the SID of Microsoft strong mapping this certificate carries (this CA put
	 * it there from a bound challenge), null for none: the renewal keeps it where the
	 * template still allows strong mapping
	 */
	String sid() {
		return this.subjectAltNames.stream()
			.map(StrongMapping::sidOf)
			.filter(Objects::nonNull)
			.findFirst()
			.orElse(null);
	}

}
