package io.keyward.ca.authority;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * PEM text of a certificate (RFC 7468 section 5: 64-character lines).
 */
public final class Pem {

	private static final Base64.Encoder ENCODER = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

	private Pem() {
	}

	public static String certificate(X509Certificate certificate) {
		try {
			return certificate(certificate.getEncoded());
		}
		catch (CertificateEncodingException ex) {
			throw new IllegalStateException("cannot encode a certificate", ex);
		}
	}

	static String certificate(byte[] der) {
		return "-----BEGIN CERTIFICATE-----\n" + ENCODER.encodeToString(der) + "\n-----END CERTIFICATE-----\n";
	}

}
