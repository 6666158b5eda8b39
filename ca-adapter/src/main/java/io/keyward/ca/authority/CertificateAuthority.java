package io.keyward.ca.authority;

import java.security.cert.X509Certificate;
import java.util.List;

import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;

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

	/**
	 * @return the CA's name, as in its CRL's URL
	 */
	String name();

	/**
	 * Sign a CRL (RFC 5280 section 5) whose issuer is this CA. The builder's entries and
	 * extensions are the caller's; the authority key identifier is added here.
	 * @param crl the CRL to sign, issuer and thisUpdate set
	 * @return the signed CRL
	 */
	X509CRLHolder signCrl(X509v2CRLBuilder crl);

}
