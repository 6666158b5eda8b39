package io.keyward.ca.revocation;

/**
 * The certificate was revoked before (answered 409): a revocation is final, its time and
 * reason are not overwritten.
 */
public class CertificateAlreadyRevoked extends RuntimeException {

	CertificateAlreadyRevoked(String serial) {
		super("certificate " + serial + " is already revoked");
	}

}
