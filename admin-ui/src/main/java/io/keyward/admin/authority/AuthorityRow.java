package io.keyward.admin.authority;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import io.keyward.admin.web.Timestamps;
import io.keyward.api.SerialNumbers;
import io.keyward.api.ca.AuthorityCertificate;
import io.keyward.api.gateway.RaCertificate;
import io.keyward.api.gateway.TlsCertificate;
import io.keyward.edge.fingerprint.Sha256;
import io.keyward.edge.pem.CertificatePem;

/**
 * One CA, OCSP signer, RA or TLS certificate with the days it has left: an expired RA
 * certificate silently stops every enrollment (the commonest NDES outage), so the page
 * marks any with fewer than {@link #WARN_DAYS} days. The root CA is listed too, named so,
 * with the SHA-256 fingerprint an MDM profile pins it by.
 *
 * @param role Root CA, CA (an issuing CA under another root), Intermediate CA,
 * OCSP_SIGNER, RA signing, RA encryption, TLS
 * @param state CURRENT or PREVIOUS for RA certificates, empty otherwise
 * @param subject subject DN
 * @param serial as {@link SerialNumbers#hex(String)} shows it
 * @param notAfter end of validity, UTC
 * @param daysLeft whole days until it expires, negative when expired
 * @param low whether it needs attention
 * @param fingerprint colon-separated SHA-256 of the DER, empty when the service sent no
 * certificate
 */
public record AuthorityRow(String role, String state, String subject, String serial, String notAfter, long daysLeft,
		boolean low, String fingerprint) {

	static final long WARN_DAYS = 30;

	public static AuthorityRow of(AuthorityCertificate certificate, Instant now) {
		X509Certificate parsed = (certificate.certificatePem() != null)
				? CertificatePem.parse(certificate.certificatePem()) : null;
		String role = (AuthorityCertificate.CA.equals(certificate.role()) && parsed != null && selfSigned(parsed))
				? "Root CA" : certificate.role();
		return of(role, "", certificate.subject(), certificate.serialNumber(), certificate.notAfter(), now,
				(parsed != null) ? fingerprint(parsed) : "");
	}

	public static AuthorityRow of(RaCertificate certificate, Instant now) {
		return of("RA " + certificate.purpose(), certificate.state(), certificate.subject(), certificate.serialNumber(),
				certificate.notAfter(), now, "");
	}

	/**
	 * @param certificate a certificate above the issuing CA in its published chain
	 * @param now the time
	 */
	static AuthorityRow ofChain(X509Certificate certificate, Instant now) {
		return of(selfSigned(certificate) ? "Root CA" : "Intermediate CA", "",
				certificate.getSubjectX500Principal().getName(), SerialNumbers.hex(certificate.getSerialNumber()),
				certificate.getNotAfter().toInstant(), now, fingerprint(certificate));
	}

	public static AuthorityRow of(TlsCertificate certificate, Instant now) {
		return of("TLS (scep-gateway)", "", certificate.subject(), certificate.serialNumber(), certificate.notAfter(),
				now, "");
	}

	private static AuthorityRow of(String role, String state, String subject, String serial, Instant notAfter,
			Instant now, String fingerprint) {
		long days = (notAfter != null) ? Duration.between(now, notAfter).toDays() : 0;
		return new AuthorityRow(role, (state != null) ? state : "", subject, SerialNumbers.hex(serial),
				Timestamps.utc(notAfter), days, days < WARN_DAYS, fingerprint);
	}

	private static boolean selfSigned(X509Certificate certificate) {
		return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
	}

	private static String fingerprint(X509Certificate certificate) {
		try {
			return Sha256.display(certificate.getEncoded());
		}
		catch (CertificateEncodingException ex) {
			return "";
		}
	}

}
