package io.keyward.ca.template;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;

/**
 * Named EC curves a template may accept (the NIST curves of RFC 5480 section 2.1.1.1).
 */
public enum EcCurve {

	P256(SECObjectIdentifiers.secp256r1), P384(SECObjectIdentifiers.secp384r1), P521(SECObjectIdentifiers.secp521r1);

	private final ASN1ObjectIdentifier oid;

	EcCurve(ASN1ObjectIdentifier oid) {
		this.oid = oid;
	}

	static EcCurve of(ASN1ObjectIdentifier oid) {
		for (EcCurve curve : values()) {
			if (curve.oid.equals(oid)) {
				return curve;
			}
		}
		return null;
	}

}
