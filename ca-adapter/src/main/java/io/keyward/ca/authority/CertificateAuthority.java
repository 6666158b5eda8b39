package io.keyward.ca.authority;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The seam between issuance policy and whatever signs: the built-in Bouncy Castle CA
 * today, an external CA behind the same two methods later. Policy (templates, key size,
 * SAN filtering) has already been applied to the {@link CertificateSpec}; an
 * implementation signs exactly what it is given.
 */
public interface CertificateAuthority {

	/**
	 * Sign a certificate. Each call picks a fresh serial number, so a caller that finds
	 * the serial already taken may simply call again.
	 * @param spec subject, public key and extensions decided by the template
	 * @return the signed certificate
	 */
	IssuedCertificate issue(CertificateSpec spec);

	/**
	 * @return the issuing CA's chain, issuing CA first
	 */
	List<X509Certificate> chain();

}
