package io.keyward.ca.template;

/**
 * A CSR refused for its key or signature algorithm (too short, a curve or algorithm the
 * template does not accept): the gateway answers these with failInfo badAlg (RFC 8894
 * section 3.2.1.4.5), the other refusals with badRequest.
 */
public class UnacceptedKey extends CertificateRequestRefused {

	public UnacceptedKey(String reason) {
		super(reason);
	}

}
