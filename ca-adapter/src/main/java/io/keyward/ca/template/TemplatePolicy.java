package io.keyward.ca.template;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.keyward.ca.authority.CertificateSpec;
import io.keyward.scep.SubjectAltNames;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a template to a verified CSR. Only the subject, the public key and the SANs of
 * allowed types come from the CSR; key usage, EKU, basicConstraints and validity come
 * from the template, and every other extension the CSR requests is ignored.
 */
public final class TemplatePolicy {

	private static final Logger log = LoggerFactory.getLogger(TemplatePolicy.class);

	private TemplatePolicy() {
	}

	/**
	 * @throws CertificateRequestRefused when the key is too weak or of an unaccepted
	 * kind, or nothing would name the subject
	 */
	public static CertificateSpec apply(CertificateSigningRequest csr, CertificateTemplate template) {
		boolean ec = checkKey(csr.publicKey(), template);
		int keyUsage = 0;
		for (KeyUsageName usage : template.keyUsage()) {
			if (!ec || usage.allowedForEcKeys()) {
				keyUsage |= usage.bit();
			}
		}
		if (keyUsage == 0) {
			throw new CertificateRequestRefused("template '" + template.name() + "' grants only key usages an EC key "
					+ "cannot have (" + template.keyUsage() + "); use an RSA key");
		}
		List<GeneralName> sans = new ArrayList<>();
		List<String> dropped = new ArrayList<>();
		for (GeneralName name : csr.subjectAltNames()) {
			SanType type = SanType.of(name);
			if (type != null && template.subjectAltNames().contains(type)) {
				sans.add(name);
			}
			else {
				dropped.add(SubjectAltNames.render(name));
			}
		}
		if (!dropped.isEmpty()) {
			log.info("event=san_dropped template={} count={} reason=\"type not allowed by the template\"",
					template.name(), dropped.size());
		}
		if (csr.subject().getRDNs().length == 0 && sans.isEmpty()) {
			throw new CertificateRequestRefused(
					"the CSR has neither a subject nor a subject alternative name the template allows");
		}
		List<KeyPurposeId> eku = template.extendedKeyUsage()
			.stream()
			.sorted()
			.map(ExtendedKeyUsageName::purpose)
			.toList();
		return new CertificateSpec(csr.subject(), csr.publicKey(), sans, keyUsage, eku, template.validity());
	}

	/**
	 * @return whether the key is an EC key
	 */
	private static boolean checkKey(SubjectPublicKeyInfo key, CertificateTemplate template) {
		ASN1ObjectIdentifier algorithm = key.getAlgorithm().getAlgorithm();
		if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
			int bits = rsaBits(key);
			if (bits < template.minimumRsaBits()) {
				throw new CertificateRequestRefused("the CSR's RSA key has " + bits + " bits; template '"
						+ template.name() + "' requires at least " + template.minimumRsaBits());
			}
			return false;
		}
		if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)) {
			ASN1Encodable parameters = key.getAlgorithm().getParameters();
			if (!(parameters instanceof ASN1ObjectIdentifier curveOid)) {
				// RFC 5480 section 2.1.1: implicit and explicit curve parameters are not
				// allowed
				throw new CertificateRequestRefused("the CSR's EC key must name its curve (RFC 5480 namedCurve)");
			}
			EcCurve curve = EcCurve.of(curveOid);
			if (curve == null || !template.ecCurves().contains(curve)) {
				throw new CertificateRequestRefused("the CSR's EC curve " + curveOid.getId() + " is not accepted by "
						+ "template '" + template.name() + "' (accepted: " + template.ecCurves() + ")");
			}
			return true;
		}
		throw new CertificateRequestRefused(
				"the CSR's key algorithm " + algorithm.getId() + " is not accepted: use an RSA or EC key");
	}

	private static int rsaBits(SubjectPublicKeyInfo key) {
		try {
			return RSAPublicKey.getInstance(key.parsePublicKey()).getModulus().bitLength();
		}
		catch (IOException | RuntimeException ex) {
			throw new CertificateRequestRefused("the CSR's RSA public key is malformed");
		}
	}

}
