package io.keyward.scep;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;

/**
 * Reads and writes the SCEP signed attributes, "lenient read, strict write": values are
 * read through {@link ASN1String} whatever string type the client chose (some send
 * IA5String or UTF8String), and written as PrintableString (Apple checks for tag 0x13)
 * with nonces as OCTET STRING.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8894#section-3.2.1">RFC 8894 section
 * 3.2.1</a>
 */
public final class ScepAttributes {

	/** Section 3.2.1.5: nonces are 16 random bytes. */
	public static final int NONCE_LENGTH = 16;

	private static final SecureRandom RANDOM = new SecureRandom();

	private ScepAttributes() {
	}

	/**
	 * A fresh senderNonce. Section 3.2.1.5 requires a new one in every message, CertRep
	 * included; jscep rejects a repeated one.
	 * @return 16 bytes from {@link SecureRandom}
	 */
	public static byte[] newSenderNonce() {
		byte[] nonce = new byte[NONCE_LENGTH];
		RANDOM.nextBytes(nonce);
		return nonce;
	}

	public static Attribute printable(ASN1ObjectIdentifier type, String value) {
		return new Attribute(type, new DERSet(new DERPrintableString(value)));
	}

	public static Attribute utf8(ASN1ObjectIdentifier type, String value) {
		return new Attribute(type, new DERSet(new DERUTF8String(value)));
	}

	public static Attribute octets(ASN1ObjectIdentifier type, byte[] value) {
		return new Attribute(type, new DERSet(new DEROctetString(value)));
	}

	/**
	 * Reads a string attribute of any ASN.1 string type (an INTEGER is tolerated too).
	 * @param table the signed attributes
	 * @param type the attribute
	 * @return the first value as text, or empty when absent, not a string or not
	 * decodable
	 */
	public static Optional<String> string(AttributeTable table, ASN1ObjectIdentifier type) {
		return firstValue(table, type).flatMap((value) -> {
			try {
				if (value instanceof ASN1String text) {
					return Optional.of(text.getString());
				}
				if (value instanceof ASN1Integer number) {
					return Optional.of(number.getValue().toString());
				}
			}
			catch (RuntimeException ex) {
				// Bouncy Castle decodes lazily: a UTF8String that is not UTF-8 throws
				// here
				return Optional.empty();
			}
			return Optional.empty();
		});
	}

	/**
	 * Reads a decimal attribute (messageType, pkiStatus, failInfo).
	 * @param table the signed attributes
	 * @param type the attribute
	 * @return the value, or empty when absent or not a decimal number
	 */
	public static Optional<Integer> number(AttributeTable table, ASN1ObjectIdentifier type) {
		return string(table, type).flatMap((text) -> {
			try {
				return Optional.of(Integer.parseInt(text.strip()));
			}
			catch (NumberFormatException ex) {
				return Optional.empty();
			}
		});
	}

	/**
	 * Reads a nonce attribute. OCTET STRING is the RFC form; a string type is tolerated
	 * and taken as its Latin-1 bytes.
	 * @param table the signed attributes
	 * @param type the attribute
	 * @return the octets, or empty when absent
	 */
	public static Optional<byte[]> octets(AttributeTable table, ASN1ObjectIdentifier type) {
		return firstValue(table, type).flatMap((value) -> {
			if (value instanceof ASN1OctetString octets) {
				return Optional.of(octets.getOctets());
			}
			if (value instanceof ASN1String text) {
				return string(table, type).map((chars) -> chars.getBytes(StandardCharsets.ISO_8859_1));
			}
			return Optional.empty();
		});
	}

	private static Optional<ASN1Encodable> firstValue(AttributeTable table, ASN1ObjectIdentifier type) {
		if (table == null) {
			return Optional.empty();
		}
		Attribute attribute = table.get(type);
		if (attribute == null || attribute.getAttrValues().size() == 0) {
			return Optional.empty();
		}
		return Optional.of(attribute.getAttrValues().getObjectAt(0));
	}

}
