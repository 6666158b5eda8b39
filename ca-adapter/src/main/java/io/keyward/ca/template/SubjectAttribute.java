package io.keyward.ca.template;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Subject attributes a template may allow (RFC 5280 section 4.1.2.4 and appendix A.1, RFC
 * 4519). The issued subject is rebuilt from these, in the CSR's order, each value
 * re-encoded the way RFC 5280 asks for (UTF8String; PrintableString for country and
 * serial number, IA5String for e-mail and domain components); an attribute outside this
 * list cannot reach a certificate.
 */
public enum SubjectAttribute {

	C(BCStyle.C), ST(BCStyle.ST), L(BCStyle.L), STREET(BCStyle.STREET), O(BCStyle.O), OU(BCStyle.OU), DC(BCStyle.DC),
	CN(BCStyle.CN), SERIALNUMBER(BCStyle.SERIALNUMBER), UID(BCStyle.UID), E(BCStyle.EmailAddress), T(BCStyle.T),
	GIVENNAME(BCStyle.GIVENNAME), SURNAME(BCStyle.SURNAME);

	private final ASN1ObjectIdentifier oid;

	SubjectAttribute(ASN1ObjectIdentifier oid) {
		this.oid = oid;
	}

	ASN1ObjectIdentifier oid() {
		return this.oid;
	}

	/**
	 * @return the attribute with that type, or null when no template can allow it
	 */
	static SubjectAttribute of(ASN1ObjectIdentifier oid) {
		for (SubjectAttribute attribute : values()) {
			if (attribute.oid.equals(oid)) {
				return attribute;
			}
		}
		return null;
	}

}
