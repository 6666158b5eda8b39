package io.keyward.scep;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/**
 * The PKCS#10 messageData of a PKCSReq or RenewalReq, parsed and self-signature verified,
 * with the parts the gateway needs to decide: challengePassword (any DirectoryString
 * type: Windows sends PrintableString, others UTF8String, BMPString, T61String or
 * IA5String; the 255-character upper bound is not enforced because Intune challenges are
 * longer), subject, subjectAltNames from the extensionRequest, and the public key hash.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8894#section-3.3.1">RFC 8894 section
 * 3.3.1</a>
 */
public final class CertificationRequest {

	private final PKCS10CertificationRequest pkcs10;

	private final byte[] encoded;

	private final Optional<String> challengePassword;

	private final String subject;

	private final Extensions extensionRequest;

	private final List<String> subjectAltNames;

	private final String publicKeySha256Hex;

	/**
	 * Reads every part the accessors return now: Bouncy Castle builds attribute values,
	 * names and extensions lazily and throws {@link IllegalArgumentException} on
	 * malformed ones, and a signed request can still hold any bytes.
	 */
	private CertificationRequest(PKCS10CertificationRequest pkcs10, byte[] encoded) {
		this.pkcs10 = pkcs10;
		this.encoded = encoded;
		this.challengePassword = readChallengePassword(pkcs10);
		this.subject = readSubject(pkcs10);
		this.extensionRequest = readExtensionRequest(pkcs10);
		this.subjectAltNames = readSubjectAltNames(this.extensionRequest);
		this.publicKeySha256Hex = readPublicKeySha256Hex(pkcs10);
		if (this.subject.indexOf('\0') >= 0
				|| this.subjectAltNames.stream().anyMatch((name) -> name.indexOf('\0') >= 0)) {
			// the null-prefix trick (CVE-2009-2408): "CN=www.bank.com\0.attacker.net"
			throw new IllegalArgumentException("NUL character in the subject or a subjectAltName");
		}
	}

	/**
	 * Parses a PKCS#10 and verifies its self-signature.
	 * @param der the messageData
	 * @return the request
	 * @throws InvalidRequestException when the DER is not a PKCS#10 or the signature
	 * fails
	 */
	public static CertificationRequest parse(byte[] der) throws InvalidRequestException {
		PKCS10CertificationRequest pkcs10;
		try {
			pkcs10 = new PKCS10CertificationRequest(der);
		}
		catch (IOException | RuntimeException ex) {
			throw new InvalidRequestException("messageData is not a PKCS#10 certification request", ex);
		}
		boolean valid;
		try {
			valid = selfSignatureVerifies(pkcs10);
		}
		catch (OperatorCreationException | PKCSException | RuntimeException ex) {
			throw new InvalidRequestException("PKCS#10 signature cannot be verified", ex);
		}
		if (!valid) {
			throw new InvalidRequestException("PKCS#10 signature does not verify");
		}
		try {
			return new CertificationRequest(pkcs10, der.clone());
		}
		catch (RuntimeException ex) {
			throw new InvalidRequestException("PKCS#10 request content is malformed", ex);
		}
	}

	/**
	 * The self-signature check of RFC 2986 section 3 (proof of possession of the private
	 * key): the JDK's providers first, Bouncy Castle's for what they cannot check or do
	 * not pass (odd signature OIDs, curves the JDK dropped).
	 * @param pkcs10 a parsed request
	 * @return whether the signature verifies with the request's own public key
	 * @throws OperatorCreationException when no provider knows the key or the algorithm
	 * @throws PKCSException when the signature cannot be processed
	 */
	public static boolean selfSignatureVerifies(PKCS10CertificationRequest pkcs10)
			throws OperatorCreationException, PKCSException {
		return JdkFirst.verifies(pkcs10)
				|| pkcs10.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(BouncyCastle.PROVIDER)
					.build(pkcs10.getSubjectPublicKeyInfo()));
	}

	public PKCS10CertificationRequest pkcs10() {
		return this.pkcs10;
	}

	public byte[] encoded() {
		return this.encoded.clone();
	}

	/**
	 * The challengePassword attribute (PKCS#9 1.2.840.113549.1.9.7).
	 * @return the password, empty when absent or not a string
	 */
	public Optional<String> challengePassword() {
		return this.challengePassword;
	}

	private static Optional<String> readChallengePassword(PKCS10CertificationRequest pkcs10) {
		Attribute[] attributes = pkcs10.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_challengePassword);
		if (attributes.length == 0 || attributes[0].getAttrValues().size() == 0) {
			return Optional.empty();
		}
		ASN1Encodable value = attributes[0].getAttrValues().getObjectAt(0);
		return (value instanceof ASN1String text) ? Optional.of(text.getString()) : Optional.empty();
	}

	public X500Name subjectName() {
		return this.pkcs10.getSubject();
	}

	/**
	 * The subject as an RFC 4514 string: most specific RDN first (the reverse of the
	 * encoded order), Bouncy Castle's {@link BCStyle} keywords ({@code CN}, {@code O},
	 * {@code E}, ...) and escaping.
	 * @return for example {@code CN=device1,OU=MDM,O=scep-client,C=US}
	 */
	public String subject() {
		return this.subject;
	}

	private static String readSubject(PKCS10CertificationRequest pkcs10) {
		RDN[] rdns = pkcs10.getSubject().getRDNs();
		RDN[] reversed = new RDN[rdns.length];
		for (int i = 0; i < rdns.length; i++) {
			reversed[i] = rdns[rdns.length - 1 - i];
		}
		return new X500Name(BCStyle.INSTANCE, reversed).toString();
	}

	/**
	 * The subjectAltName requested in the extensionRequest attribute.
	 * @return entries as {@code dns:}, {@code email:}, {@code uri:}, {@code upn:},
	 * {@code ip:}, {@code dirname:}, {@code rid:} or {@code othername:<oid>}; empty when
	 * none
	 */
	public List<String> subjectAltNames() {
		return this.subjectAltNames;
	}

	private static List<String> readSubjectAltNames(Extensions extensions) {
		if (extensions == null) {
			return List.of();
		}
		GeneralNames names = GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
		return (names != null) ? List.copyOf(SubjectAltNames.render(names)) : List.of();
	}

	/**
	 * The extensionRequest attribute (PKCS#9 1.2.840.113549.1.9.14).
	 * @return the requested extensions, or {@code null} when absent
	 */
	public Extensions extensionRequest() {
		return this.extensionRequest;
	}

	private static Extensions readExtensionRequest(PKCS10CertificationRequest pkcs10) {
		Attribute[] attributes = pkcs10.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest);
		if (attributes.length == 0 || attributes[0].getAttrValues().size() == 0) {
			return null;
		}
		return Extensions.getInstance(attributes[0].getAttrValues().getObjectAt(0));
	}

	/**
	 * Lower-case hex SHA-256 of the DER SubjectPublicKeyInfo: binds challenges and
	 * transactions to the key whatever transactionID the client derived.
	 * @return 64 hex characters
	 */
	public String publicKeySha256Hex() {
		return this.publicKeySha256Hex;
	}

	private static String readPublicKeySha256Hex(PKCS10CertificationRequest pkcs10) {
		try {
			byte[] spki = pkcs10.getSubjectPublicKeyInfo().getEncoded(ASN1Encoding.DER);
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki));
		}
		catch (IOException | NoSuchAlgorithmException ex) {
			throw new IllegalStateException("cannot hash SubjectPublicKeyInfo", ex);
		}
	}

}
