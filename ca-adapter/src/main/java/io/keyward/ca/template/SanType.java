package io.keyward.ca.template;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.OtherName;

/**
 * Subject alternative name types a template may copy from a CSR (RFC 5280 section
 * 4.2.1.6). Everything else a CSR asks for (directoryName, registeredID, other
 * otherNames) is dropped.
 */
public enum SanType {

	DNS, EMAIL, UPN, URI, IP;

	/** Microsoft user principal name, an otherName carrying a UTF8String. */
	static final ASN1ObjectIdentifier UPN_OID = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3");

	/**
	 * @return the type of {@code name}, or null when no template can allow it
	 */
	static SanType of(GeneralName name) {
		return switch (name.getTagNo()) {
			case GeneralName.dNSName -> DNS;
			case GeneralName.rfc822Name -> EMAIL;
			case GeneralName.uniformResourceIdentifier -> URI;
			case GeneralName.iPAddress -> IP;
			case GeneralName.otherName ->
				UPN_OID.equals(OtherName.getInstance(name.getName()).getTypeID()) ? UPN : null;
			default -> null;
		};
	}

}
