package io.keyward.admin.certificate;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;

import io.keyward.api.SerialNumbers;
import io.keyward.scep.SubjectAltNames;

/**
 * Every extension of a certificate by name, with its criticality and its value decoded
 * (RFC 5280 section 4.2): key usage, extended key usage, basic constraints, the key
 * identifiers, SANs, CRL distribution points, authority information access, policies. An
 * extension Keyward does not know, or one that does not parse, shows its OID and the hex
 * of its value, so nothing a certificate carries is hidden from the admin.
 *
 * @param name e.g. {@code keyUsage}, the OID for an unknown one
 * @param oid the extension's OID
 * @param critical whether it is marked critical
 * @param values its value, one line each
 */
record CertificateExtensions(String name, String oid, boolean critical, List<String> values) {

	private static final HexFormat COLONS = HexFormat.ofDelimiter(":").withUpperCase();

	/** RFC 5280 section 4.2.1.3, bit 0 first. */
	private static final String[] KEY_USAGE = { "digitalSignature", "nonRepudiation", "keyEncipherment",
			"dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly" };

	private static final int[] KEY_USAGE_BITS = { KeyUsage.digitalSignature, KeyUsage.nonRepudiation,
			KeyUsage.keyEncipherment, KeyUsage.dataEncipherment, KeyUsage.keyAgreement, KeyUsage.keyCertSign,
			KeyUsage.cRLSign, KeyUsage.encipherOnly, KeyUsage.decipherOnly };

	private static final Map<String, Extension> KNOWN = Map.of("2.5.29.14",
			new Extension("subjectKeyIdentifier", CertificateExtensions::subjectKeyIdentifier), "2.5.29.15",
			new Extension("keyUsage", CertificateExtensions::keyUsage), "2.5.29.17",
			new Extension("subjectAltName", (value) -> SubjectAltNames.render(GeneralNames.getInstance(value))),
			"2.5.29.19", new Extension("basicConstraints", CertificateExtensions::basicConstraints), "2.5.29.31",
			new Extension("cRLDistributionPoints", CertificateExtensions::crlDistributionPoints), "2.5.29.32",
			new Extension("certificatePolicies", CertificateExtensions::policies), "2.5.29.35",
			new Extension("authorityKeyIdentifier", CertificateExtensions::authorityKeyIdentifier), "2.5.29.37",
			new Extension("extKeyUsage", CertificateExtensions::extendedKeyUsage), "1.3.6.1.5.5.7.1.1",
			new Extension("authorityInfoAccess", CertificateExtensions::authorityInfoAccess));

	/**
	 * @return the certificate's extensions in OID order
	 */
	static List<CertificateExtensions> of(X509Certificate certificate) {
		Set<String> critical = (certificate.getCriticalExtensionOIDs() != null) ? certificate.getCriticalExtensionOIDs()
				: Set.of();
		Set<String> all = new TreeSet<>(critical);
		if (certificate.getNonCriticalExtensionOIDs() != null) {
			all.addAll(certificate.getNonCriticalExtensionOIDs());
		}
		List<CertificateExtensions> extensions = new ArrayList<>();
		for (String oid : all) {
			byte[] value = ASN1OctetString.getInstance(certificate.getExtensionValue(oid)).getOctets();
			Extension known = KNOWN.get(oid);
			extensions.add(new CertificateExtensions((known != null) ? known.name() : oid, oid, critical.contains(oid),
					decode(known, value)));
		}
		return extensions;
	}

	/**
	 * @return the extension's name and OID, critical ones marked
	 */
	public String title() {
		return (this.name.equals(this.oid) ? this.oid : this.name + " (" + this.oid + ")")
				+ (this.critical ? ", critical" : "");
	}

	private static List<String> decode(Extension known, byte[] value) {
		if (known != null) {
			try {
				return known.decoder().apply(value);
			}
			catch (RuntimeException ex) {
				// malformed: fall through to the hex a reader can check by hand
			}
		}
		return List.of("DER " + COLONS.formatHex(value));
	}

	private static List<String> keyUsage(byte[] value) {
		KeyUsage usage = KeyUsage.getInstance(value);
		List<String> names = new ArrayList<>();
		for (int i = 0; i < KEY_USAGE.length; i++) {
			if (usage.hasUsages(KEY_USAGE_BITS[i])) {
				names.add(KEY_USAGE[i]);
			}
		}
		return names;
	}

	private static List<String> extendedKeyUsage(byte[] value) {
		return List.of(ExtendedKeyUsage.getInstance(value).getUsages())
			.stream()
			.map(KeyPurposeId::toOID)
			.map(ASN1ObjectIdentifier::getId)
			.map(ObjectNames::named)
			.toList();
	}

	private static List<String> basicConstraints(byte[] value) {
		BasicConstraints constraints = BasicConstraints.getInstance(value);
		return List.of("CA: " + constraints.isCA() + ((constraints.getPathLenConstraint() != null)
				? ", pathLenConstraint: " + constraints.getPathLenConstraint() : ""));
	}

	private static List<String> subjectKeyIdentifier(byte[] value) {
		return List.of(COLONS.formatHex(SubjectKeyIdentifier.getInstance(value).getKeyIdentifier()));
	}

	private static List<String> authorityKeyIdentifier(byte[] value) {
		AuthorityKeyIdentifier identifier = AuthorityKeyIdentifier.getInstance(value);
		List<String> lines = new ArrayList<>();
		if (identifier.getKeyIdentifierObject() != null) {
			lines.add("keyIdentifier " + COLONS.formatHex(identifier.getKeyIdentifierObject().getOctets()));
		}
		if (identifier.getAuthorityCertIssuer() != null) {
			SubjectAltNames.render(identifier.getAuthorityCertIssuer())
				.forEach((name) -> lines.add("authorityCertIssuer " + name));
		}
		if (identifier.getAuthorityCertSerialNumber() != null) {
			lines.add("authorityCertSerialNumber " + SerialNumbers.hex(identifier.getAuthorityCertSerialNumber()));
		}
		return lines;
	}

	private static List<String> crlDistributionPoints(byte[] value) {
		List<String> lines = new ArrayList<>();
		for (DistributionPoint point : CRLDistPoint.getInstance(value).getDistributionPoints()) {
			DistributionPointName name = point.getDistributionPoint();
			if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
				lines.addAll(SubjectAltNames.render(GeneralNames.getInstance(name.getName())));
			}
			else if (name != null) {
				lines.add("nameRelativeToCRLIssuer " + name.getName());
			}
			if (point.getCRLIssuer() != null) {
				SubjectAltNames.render(point.getCRLIssuer()).forEach((issuer) -> lines.add("cRLIssuer " + issuer));
			}
		}
		return lines;
	}

	private static List<String> authorityInfoAccess(byte[] value) {
		List<String> lines = new ArrayList<>();
		for (AccessDescription access : AuthorityInformationAccess.getInstance(value).getAccessDescriptions()) {
			lines.add(ObjectNames.named(access.getAccessMethod().getId()) + " "
					+ SubjectAltNames.render(access.getAccessLocation()));
		}
		return lines;
	}

	private static List<String> policies(byte[] value) {
		List<String> lines = new ArrayList<>();
		for (PolicyInformation policy : CertificatePolicies.getInstance(value).getPolicyInformation()) {
			StringBuilder line = new StringBuilder(ObjectNames.named(policy.getPolicyIdentifier().getId()));
			if (policy.getPolicyQualifiers() != null) {
				for (ASN1Encodable qualifier : policy.getPolicyQualifiers()) {
					line.append(' ').append(qualifier);
				}
			}
			lines.add(line.toString());
		}
		return lines;
	}

	private record Extension(String name, Function<byte[], List<String>> decoder) {
	}

}
