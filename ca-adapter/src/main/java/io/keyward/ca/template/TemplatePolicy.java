package io.keyward.ca.template;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.keyward.ca.authority.CertificateSpec;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a template to a verified CSR. Only the public key, the subject (rebuilt,
 * {@link SubjectPolicy}) and the SANs the template allows ({@link SanPolicy}) come from
 * the CSR; key usage, EKU, basicConstraints and validity come from the template, the SID
 * of strong mapping from a bound challenge ({@link StrongMapping}), and every other
 * extension the CSR requests is ignored.
 */
public final class TemplatePolicy {

	private static final Logger log = LoggerFactory.getLogger(TemplatePolicy.class);

	private TemplatePolicy() {
	}

	/**
	 * @throws CertificateRequestRefused when the key is too weak or of an unaccepted
	 * kind, a name is not allowed, or nothing would name the subject
	 */
	public static CertificateSpec apply(CertificateSigningRequest csr, CertificateTemplate template) {
		return apply(csr, template, null);
	}

	/**
	 * @param boundSid the SID the redeemed challenge was bound to (or the renewed
	 * certificate carried), null for none: it goes into the certificate only where the
	 * template allows strong mapping
	 * @throws CertificateRequestRefused when the key is too weak or of an unaccepted
	 * kind, a name is not allowed, or nothing would name the subject
	 */
	public static CertificateSpec apply(CertificateSigningRequest csr, CertificateTemplate template, String boundSid) {
		boolean ec = checkKey(csr.publicKey(), template);
		int keyUsage = 0;
		for (KeyUsageName usage : template.keyUsage()) {
			if (!ec || usage.allowedForEcKeys()) {
				keyUsage |= usage.bit();
			}
		}
		if (keyUsage == 0) {
			throw new UnacceptedKey("template '" + template.name() + "' grants only key usages an EC key "
					+ "cannot have (" + template.keyUsage() + "); use an RSA key");
		}
		X500Name subject = SubjectPolicy.rebuild(csr.subject(), template);
		List<GeneralName> sans = new ArrayList<>(SanPolicy.check(csr.subjectAltNames(), template));
		List<Extension> extensions = new ArrayList<>();
		if (boundSid != null && template.names().strongMapping()) {
			String sid = StrongMapping.requireSid(boundSid);
			sans.add(StrongMapping.sanUrl(sid));
			extensions.add(StrongMapping.extension(sid));
		}
		else if (boundSid != null) {
			log.info("event=sid_not_mapped template={} reason=\"the template does not allow strong mapping\"",
					template.name());
		}
		if (subject.getRDNs().length == 0 && sans.isEmpty()) {
			throw new CertificateRequestRefused(
					"the CSR has neither a subject nor a subject alternative name the template allows");
		}
		List<KeyPurposeId> eku = template.extendedKeyUsage()
			.stream()
			.sorted()
			.map(ExtendedKeyUsageName::purpose)
			.toList();
		return new CertificateSpec(subject, csr.publicKey(), sans, keyUsage, eku, template.validity(), extensions);
	}

	/**
	 * @return whether the key is an EC key
	 */
	private static boolean checkKey(SubjectPublicKeyInfo key, CertificateTemplate template) {
		ASN1ObjectIdentifier algorithm = key.getAlgorithm().getAlgorithm();
		if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
			int bits = rsaBits(key);
			if (bits < template.minimumRsaBits()) {
				throw new UnacceptedKey("the CSR's RSA key has " + bits + " bits; template '" + template.name()
						+ "' requires at least " + template.minimumRsaBits());
			}
			return false;
		}
		if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)) {
			ASN1Encodable parameters = key.getAlgorithm().getParameters();
			if (!(parameters instanceof ASN1ObjectIdentifier curveOid)) {
				// RFC 5480 section 2.1.1: implicit and explicit curve parameters are not
				// allowed
				throw new UnacceptedKey("the CSR's EC key must name its curve (RFC 5480 namedCurve)");
			}
			EcCurve curve = EcCurve.of(curveOid);
			if (curve == null || !template.ecCurves().contains(curve)) {
				throw new UnacceptedKey("the CSR's EC curve " + curveOid.getId() + " is not accepted by " + "template '"
						+ template.name() + "' (accepted: " + template.ecCurves() + ")");
			}
			return true;
		}
		throw new UnacceptedKey(
				"the CSR's key algorithm " + algorithm.getId() + " is not accepted: use an RSA or EC key");
	}

	private static int rsaBits(SubjectPublicKeyInfo key) {
		try {
			return RSAPublicKey.getInstance(key.parsePublicKey()).getModulus().bitLength();
		}
		catch (IOException | RuntimeException ex) {
			throw new UnacceptedKey("the CSR's RSA public key is malformed");
		}
	}

}
