package io.keyward.admin;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates for the tests: a device certificate carrying every extension the detail
 * page decodes, SANs of every kind, markup in its subject and in a SAN (as a CSR could
 * put there), and an extension Keyward does not know.
 */
public final class TestCertificates {

	/** The OID of the extension no one knows, its value {@link #UNKNOWN_VALUE}. */
	public static final String UNKNOWN_OID = "1.3.6.1.4.1.99999.1";

	public static final byte[] UNKNOWN_VALUE = { 0x04, 0x02, (byte) 0xCA, (byte) 0xFE };

	private TestCertificates() {
	}

	/**
	 * @param serial its serial
	 * @param subject its subject DN
	 * @return PEM, an EC P-256 key, self-issued by {@code CN=Keyward Root CA,O=Keyward}
	 */
	public static String everyExtension(BigInteger serial, String subject) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(256);
			KeyPair keys = generator.generateKeyPair();
			JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
					new X500Name("CN=Keyward Root CA,O=Keyward"), serial,
					Date.from(Instant.parse("2026-03-01T10:15:31Z")), Date.from(Instant.parse("2027-03-01T10:15:31Z")),
					new X500Name(subject), keys.getPublic());
			builder.addExtension(Extension.keyUsage, true,
					new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
			builder.addExtension(Extension.extendedKeyUsage, false,
					new ExtendedKeyUsage(new KeyPurposeId[] { KeyPurposeId.id_kp_clientAuth,
							KeyPurposeId.getInstance(new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.2")) }));
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
			builder.addExtension(Extension.subjectKeyIdentifier, false,
					utils.createSubjectKeyIdentifier(keys.getPublic()));
			builder.addExtension(Extension.authorityKeyIdentifier, false,
					utils.createAuthorityKeyIdentifier(keys.getPublic()));
			builder.addExtension(Extension.subjectAlternativeName, false,
					new GeneralNames(new GeneralName[] {
							new GeneralName(GeneralName.dNSName, "<script>alert(2)</script>.example"),
							new GeneralName(GeneralName.rfc822Name, "device@example.com"),
							new GeneralName(GeneralName.uniformResourceIdentifier, "urn:uuid:4711"),
							new GeneralName(GeneralName.iPAddress, "192.0.2.7"),
							new GeneralName(GeneralName.otherName,
									new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
											new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3"),
											new DERTaggedObject(true, 0, new DERUTF8String("user@corp.example")) })),
							new GeneralName(GeneralName.registeredID, "1.2.3.4"),
							new GeneralName(new X500Name("CN=directory name")) }));
			builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(
					new DistributionPoint[] { new DistributionPoint(new DistributionPointName(new GeneralNames(
							new GeneralName(GeneralName.uniformResourceIdentifier, "http://pki.example/crl/root.crl"))),
							null, null) }));
			builder
				.addExtension(Extension.authorityInfoAccess, false,
						new AuthorityInformationAccess(new AccessDescription[] {
								new AccessDescription(AccessDescription.id_ad_ocsp,
										new GeneralName(GeneralName.uniformResourceIdentifier,
												"http://pki.example/ocsp")),
								new AccessDescription(AccessDescription.id_ad_caIssuers, new GeneralName(
										GeneralName.uniformResourceIdentifier, "http://pki.example/ca.cer")) }));
			builder.addExtension(Extension.certificatePolicies, false,
					new CertificatePolicies(new PolicyInformation(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.7"))));
			builder.addExtension(new ASN1ObjectIdentifier(UNKNOWN_OID), false,
					new DEROctetString(new byte[] { (byte) 0xCA, (byte) 0xFE }));
			byte[] der = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()))
				.getEncoded();
			return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
					+ "\n-----END CERTIFICATE-----\n";
		}
		catch (GeneralSecurityException | OperatorCreationException | java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
