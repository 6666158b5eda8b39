package io.keyward.ca.issuance;

/**
 * No certificate has the requested serial number (answered 404).
 */
class CertificateNotFound extends RuntimeException {

	CertificateNotFound(String serial) {
		super("no certificate with serial number " + serial);
	}

}
