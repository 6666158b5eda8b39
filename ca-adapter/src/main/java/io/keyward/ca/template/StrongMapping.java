package io.keyward.ca.template;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;

/**
 * Microsoft's strong certificate mapping (KB5014754): a domain controller maps a
 * certificate to an account by the account's SID, carried in the SAN URL
 * {@code tag:microsoft.com,2022-09-14:sid:<SID>} and in the extension
 * szOID_NTDS_CA_SECURITY_EXT (1.3.6.1.4.1.311.25.2), whose value is a GeneralNames with
 * one otherName 1.3.6.1.4.1.311.25.2.1 holding the SID's text as an OCTET STRING. Whoever
 * can put a SID there can sign in as that account, so it comes only from a challenge the
 * MDM bound to it, never from the CSR.
 */
public final class StrongMapping {

	/** The SAN URL prefix, compared case-insensitively (RFC 3986 section 3.1 schemes). */
	static final String SID_URL_PREFIX = "tag:microsoft.com,2022-09-14:sid:";

	static final ASN1ObjectIdentifier NTDS_CA_SECURITY_EXT = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.25.2");

	private static final ASN1ObjectIdentifier NTDS_OBJECTSID = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.25.2.1");

	/** A security identifier as Windows writes it: S-1-authority-subauthorities. */
	private static final Pattern SID = Pattern.compile("S-1-[0-9]{1,14}(-[0-9]{1,10}){1,15}");

	private StrongMapping() {
	}

	/**
	 * @throws CertificateRequestRefused when {@code sid} is not a SID
	 */
	static String requireSid(String sid) {
		if (!SID.matcher(sid).matches()) {
			throw new CertificateRequestRefused("the bound SID is not a security identifier (S-1-5-21-...)");
		}
		return sid;
	}

	public static boolean isSidUrl(GeneralName name) {
		return name.getTagNo() == GeneralName.uniformResourceIdentifier
				&& name.getName().toString().toLowerCase(Locale.ROOT).startsWith(SID_URL_PREFIX);
	}

	static GeneralName sanUrl(String sid) {
		return new GeneralName(GeneralName.uniformResourceIdentifier, SID_URL_PREFIX + sid);
	}

	static Extension extension(String sid) {
		GeneralNames value = new GeneralNames(new GeneralName(GeneralName.otherName,
				new OtherName(NTDS_OBJECTSID, new DEROctetString(sid.getBytes(StandardCharsets.US_ASCII)))));
		try {
			return new Extension(NTDS_CA_SECURITY_EXT, false, value.getEncoded());
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException("cannot encode the SID extension", ex);
		}
	}

	/**
	 * @return the SID of a SAN URL, or null when {@code name} is none
	 */
	public static String sidOf(GeneralName name) {
		return isSidUrl(name) ? name.getName().toString().substring(SID_URL_PREFIX.length()) : null;
	}

}
