package io.keyward.ca.template;

/**
 * A CSR or issue request the CA will not sign, with a reason meant for the caller
 * (answered as a 400 problem). Nothing is stored for a refused request.
 */
public class CertificateRequestRefused extends RuntimeException {

	public CertificateRequestRefused(String reason) {
		super(reason);
	}

}
