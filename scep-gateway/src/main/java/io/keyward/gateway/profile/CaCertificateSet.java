package io.keyward.gateway.profile;

/**
 * Which certificates GetCACert answers on a profile (RFC 8894 section 4.2.1.2).
 * <p>
 * The gateway holds the RA keys, never the CA key (it stays in the ca-adapter). A client
 * that envelopes to the RA encryption certificate gets a CertRep signed by the RA signing
 * key; a client that envelopes to a CA certificate (it got the CA alone, or picked it by
 * fingerprint) has the ca-adapter open the envelope and sign the CertRep with the CA key
 * (RFC 8894 section 2.2), two more loopback calls per PKIOperation.
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
	 * The issuing CA certificate alone ({@code application/x-x509-ca-cert}, one DER
	 * certificate, RFC 8894 section 4.2.1.1): the client envelopes to the CA and verifies
	 * CertReps against it, so every CertRep of the profile is signed by the CA key in the
	 * ca-adapter. Needs an RSA CA (key transport is RSA).
	 */
	CA_ONLY

}
