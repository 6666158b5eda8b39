package io.keyward.scep;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/**
 * Object identifiers of the SCEP signed attributes (VeriSign arc 2.16.840.1.113733.1.9
 * and id-scep-failInfoText under id-pkix 24).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8894#section-3.2.1">RFC 8894 section
 * 3.2.1</a>
 */
public final class ScepObjectIdentifiers {

	private static final ASN1ObjectIdentifier ATTRIBUTES = new ASN1ObjectIdentifier("2.16.840.1.113733.1.9");

	public static final ASN1ObjectIdentifier MESSAGE_TYPE = ATTRIBUTES.branch("2");

	public static final ASN1ObjectIdentifier PKI_STATUS = ATTRIBUTES.branch("3");

	public static final ASN1ObjectIdentifier FAIL_INFO = ATTRIBUTES.branch("4");

	public static final ASN1ObjectIdentifier SENDER_NONCE = ATTRIBUTES.branch("5");

	public static final ASN1ObjectIdentifier RECIPIENT_NONCE = ATTRIBUTES.branch("6");

	public static final ASN1ObjectIdentifier TRANSACTION_ID = ATTRIBUTES.branch("7");

	/** id-scep-failInfoText, new in RFC 8894 (UTF8String). */
	public static final ASN1ObjectIdentifier FAIL_INFO_TEXT = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.24.1");

	private ScepObjectIdentifiers() {
	}

}
