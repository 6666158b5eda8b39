package io.keyward.ca.template;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * A certificate template: the policy applied to every CSR issued under it. Like an AD CS
 * template, it decides validity, key usage, EKU, the accepted keys and which subject
 * attributes and SANs a certificate may carry; what a CSR asks for beyond that is ignored
 * (extensions) or refused (names, keys), never trusted.
 *
 * @param name the template name callers use
 * @param validity validity of issued certificates
 * @param keyUsage key usages
 * @param extendedKeyUsage extended key usages, empty for none
 * @param subjectAltNames SAN types copied from the CSR
 * @param minimumRsaBits smallest RSA modulus accepted
 * @param ecCurves EC curves accepted
 * @param names subject and SAN rules
 */
public record CertificateTemplate(String name, Duration validity, Set<KeyUsageName> keyUsage,
		Set<ExtendedKeyUsageName> extendedKeyUsage, Set<SanType> subjectAltNames, int minimumRsaBits,
		Set<EcCurve> ecCurves, NameRules names) {

	public CertificateTemplate {
		if (validity.isNegative() || validity.isZero()) {
			throw new IllegalArgumentException("template '" + name + "': validity must be positive");
		}
		if (keyUsage.isEmpty()) {
			throw new IllegalArgumentException("template '" + name + "': at least one key usage is needed");
		}
		keyUsage = Set.copyOf(keyUsage);
		extendedKeyUsage = Set.copyOf(extendedKeyUsage);
		subjectAltNames = Set.copyOf(subjectAltNames);
		ecCurves = Set.copyOf(ecCurves);
	}

	/**
	 * A template with the default subject and SAN rules.
	 */
	public CertificateTemplate(String name, Duration validity, Set<KeyUsageName> keyUsage,
			Set<ExtendedKeyUsageName> extendedKeyUsage, Set<SanType> subjectAltNames, int minimumRsaBits,
			Set<EcCurve> ecCurves) {
		this(name, validity, keyUsage, extendedKeyUsage, subjectAltNames, minimumRsaBits, ecCurves, NameRules.DEFAULT);
	}

	/**
	 * @return whether it issues the gateway's RA certificates, whose subject is an RA
	 * name by design
	 */
	public boolean issuesRaCertificates() {
		return RA_SIGNING.name().equals(this.name) || RA_ENCRYPTION.name().equals(this.name);
	}

	/**
	 * No UPN: a UPN names a user to Windows sign-in, and on the default template the CSR,
	 * chosen by whoever holds a challenge, would name it (CERT VU#971035).
	 */
	static final Set<SanType> DEFAULT_SANS = EnumSet.of(SanType.DNS, SanType.EMAIL, SanType.URI);

	static final Set<EcCurve> DEFAULT_CURVES = EnumSet.allOf(EcCurve.class);

	/** Devices: TLS client authentication (the NDES "general purpose" equivalent). */
	static final CertificateTemplate DEFAULT = new CertificateTemplate("default", Duration.ofDays(365),
			EnumSet.of(KeyUsageName.DIGITAL_SIGNATURE, KeyUsageName.KEY_ENCIPHERMENT),
			EnumSet.of(ExtendedKeyUsageName.CLIENT_AUTH), DEFAULT_SANS, 2048, DEFAULT_CURVES);

	/**
	 * The gateway's RA signing certificate. No EKU at all: certmonger verifies CertReps
	 * with OpenSSL's S/MIME signer purpose, which refuses a certificate whose EKU lacks
	 * emailProtection, and SCEP clients pick the signer by digitalSignature alone
	 * (protocol brief rule 6, RFC 8894 section 2.1.2).
	 */
	static final CertificateTemplate RA_SIGNING = new CertificateTemplate("ra-signing", Duration.ofDays(730),
			EnumSet.of(KeyUsageName.DIGITAL_SIGNATURE), Set.of(), DEFAULT_SANS, 2048, DEFAULT_CURVES);

	/**
	 * The gateway's RA encryption certificate: clients choose the envelope recipient by
	 * keyEncipherment (protocol brief rule 6, NDES "CEP Encryption").
	 */
	/**
	 * The gateway's own TLS server certificate, for the HTTPS listener devices enroll
	 * over: serverAuth (RFC 5280 section 4.2.1.12), names as DNS and IP SANs only (RFC
	 * 6125 section 6.4: a TLS client matches the host against the SANs, not the CN). 90
	 * days, renewed by the gateway well before it ends, so a lost key is short-lived.
	 */
	static final CertificateTemplate TLS_SERVER = new CertificateTemplate("tls-server", Duration.ofDays(90),
			EnumSet.of(KeyUsageName.DIGITAL_SIGNATURE, KeyUsageName.KEY_ENCIPHERMENT),
			EnumSet.of(ExtendedKeyUsageName.SERVER_AUTH), EnumSet.of(SanType.DNS, SanType.IP), 2048, DEFAULT_CURVES);

	static final CertificateTemplate RA_ENCRYPTION = new CertificateTemplate("ra-encryption", Duration.ofDays(730),
			EnumSet.of(KeyUsageName.KEY_ENCIPHERMENT), Set.of(), DEFAULT_SANS, 2048, DEFAULT_CURVES);

}
