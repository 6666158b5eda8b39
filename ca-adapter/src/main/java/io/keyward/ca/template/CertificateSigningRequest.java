package io.keyward.ca.template;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.CertificationRequestInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import io.keyward.edge.fingerprint.Sha256;
import io.keyward.scep.CertificationRequest;

/**
 * A PKCS#10 request (RFC 2986) whose self-signature has been verified, so the requester
 * holds the private key of the public key it names.
 *
 * @param der the request as received
 * @param subject subject DN as encoded in the request
 * @param publicKey the requested public key
 * @param subjectAltNames SANs from the extensionRequest attribute (PKCS#9), unfiltered
 */
public record CertificateSigningRequest(byte[] der, X500Name subject, SubjectPublicKeyInfo publicKey,
		List<GeneralName> subjectAltNames) {

	private static final String PEM_HEADER = "-----BEGIN CERTIFICATE REQUEST-----";

	private static final String PEM_FOOTER = "-----END CERTIFICATE REQUEST-----";

	/**
	 * @param base64 base64 of the DER request; PEM armour and line breaks are tolerated
	 * @throws CertificateRequestRefused when it is not base64, not a PKCS#10 request, or
	 * its signature does not verify
	 */
	public static CertificateSigningRequest decode(String base64) {
		if (base64 == null || base64.isBlank()) {
			throw new CertificateRequestRefused("csr is required: base64 of a DER PKCS#10 request");
		}
		byte[] der;
		try {
			der = Base64.getDecoder()
				.decode(base64.replace(PEM_HEADER, "").replace(PEM_FOOTER, "").replaceAll("\\s", ""));
		}
		catch (IllegalArgumentException ex) {
			throw new CertificateRequestRefused("csr is not valid base64");
		}
		PKCS10CertificationRequest request;
		try {
			request = new PKCS10CertificationRequest(der);
		}
		catch (Exception ex) {
			// Bouncy Castle reports malformed DER with IOException or assorted runtime
			// exceptions
			throw new CertificateRequestRefused("csr is not a DER-encoded PKCS#10 certification request");
		}
		verifySignature(request);
		return new CertificateSigningRequest(der, request.getSubject(), request.getSubjectPublicKeyInfo(),
				subjectAltNames(request));
	}

	/**
	 * @return lower-case hex SHA-256 of {@link #der()}, the request as received: with the
	 * transactionID, what makes a retried issue request recognisable
	 */
	public String sha256() {
		return Sha256.hex(this.der);
	}

	/**
	 * What the ca-adapter stores as the request's record: the request without its
	 * challengePassword attribute (RFC 2985 section 5.4.1), which is a secret and is
	 * stored nowhere in clear (issue 13). Everything else is kept as encoded, the
	 * signature included; having verified on arrival, it no longer verifies over the
	 * shortened request, so the record shows what was asked, not a proof of possession.
	 * @return DER of the request without the challengePassword, or {@link #der()} when it
	 * has none
	 */
	public byte[] withoutChallengePassword() {
		org.bouncycastle.asn1.pkcs.CertificationRequest request = org.bouncycastle.asn1.pkcs.CertificationRequest
			.getInstance(this.der);
		CertificationRequestInfo info = request.getCertificationRequestInfo();
		if (info.getAttributes() == null) {
			return this.der;
		}
		ASN1EncodableVector kept = new ASN1EncodableVector();
		for (ASN1Encodable attribute : info.getAttributes()) {
			if (!Attribute.getInstance(attribute)
				.getAttrType()
				.equals(PKCSObjectIdentifiers.pkcs_9_at_challengePassword)) {
				kept.add(attribute);
			}
		}
		if (kept.size() == info.getAttributes().size()) {
			return this.der;
		}
		CertificationRequestInfo shortened = new CertificationRequestInfo(info.getSubject(),
				info.getSubjectPublicKeyInfo(), new DERSet(kept));
		try {
			return new org.bouncycastle.asn1.pkcs.CertificationRequest(shortened, request.getSignatureAlgorithm(),
					request.getSignature())
				.getEncoded(ASN1Encoding.DER);
		}
		catch (IOException ex) {
			throw new IllegalStateException("a verified CSR cannot be re-encoded", ex);
		}
	}

	/**
	 * The same check as the gateway's
	 * ({@link CertificationRequest#selfSignatureVerifies}): Bouncy Castle verifies
	 * signatures on curves the JDK no longer implements (secp256k1, brainpool), so such a
	 * CSR gets the precise "curve not accepted" answer from the template rather than a
	 * vague signature error.
	 */
	private static void verifySignature(PKCS10CertificationRequest request) {
		boolean valid;
		try {
			valid = CertificationRequest.selfSignatureVerifies(request);
		}
		catch (Exception ex) {
			throw new UnacceptedKey("the CSR's signature cannot be checked (unsupported key or signature algorithm "
					+ request.getSignatureAlgorithm().getAlgorithm() + ")");
		}
		if (!valid) {
			// RFC 2986 section 3: the signature proves possession of the private key
			throw new CertificateRequestRefused("the CSR's self-signature does not verify");
		}
	}

	private static List<GeneralName> subjectAltNames(PKCS10CertificationRequest request) {
		List<GeneralName> names = new ArrayList<>();
		try {
			for (Attribute attribute : request.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
				for (ASN1Encodable value : attribute.getAttributeValues()) {
					GeneralNames sans = GeneralNames.fromExtensions(Extensions.getInstance(value),
							Extension.subjectAlternativeName);
					if (sans != null) {
						names.addAll(List.of(sans.getNames()));
					}
				}
			}
		}
		catch (RuntimeException ex) {
			throw new CertificateRequestRefused("the CSR's extensionRequest attribute is malformed");
		}
		return List.copyOf(names);
	}

}
