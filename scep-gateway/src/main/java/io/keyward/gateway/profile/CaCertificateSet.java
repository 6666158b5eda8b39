package io.keyward.gateway.profile;

/**
 * Which certificates GetCACert answers on a profile (RFC 8894 section 4.2.1.2).
 * <p>
 * Keyward always answers as an RA: the gateway holds the RA keys, never the CA key (it
 * stays in the ca-adapter), so every CertRep is signed by the RA signing key and devices
 * envelope their requests to the RA encryption certificate. A client that got only the CA
 * certificate would envelope to the CA key, which the gateway cannot open, and could not
 * verify a CertRep. {@link #CA_ONLY} is therefore refused at start, with that reason.
 */
public enum CaCertificateSet {

	/**
	 * RA signing and RA encryption certificates, then the issuing CA: what NDES answers
	 * ({@code application/x-x509-ca-ra-cert}).
	 */
	CA_AND_RA,

	/**
	 * RA certificates, then the issuing CA and every CA certificate above it up to the
	 * root, and during a CA rollover the link certificates (RFC 4210 section 4.4) and the
	 * previous CA, so a client that trusts either root builds a path (Windows checks
	 * {@code CAThumbprint} against the root it is given).
	 */
	FULL_CHAIN,

	/**
	 * The CA certificate alone ({@code application/x-x509-ca-cert}, one DER certificate):
	 * only for a CA that is its own RA, which Keyward never is; refused at start.
	 */
	CA_ONLY

}
