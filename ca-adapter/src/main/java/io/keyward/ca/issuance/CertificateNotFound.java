package io.keyward.ca.issuance;

/**
 * No certificate has the requested serial number (answered 404).
 */
public class CertificateNotFound extends RuntimeException {

	public CertificateNotFound(String serial) {
		super("no certificate with serial number " + serial);
	}

}
