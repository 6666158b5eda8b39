package io.keyward.admin.certificate;

import java.util.Map;

/**
 * Names of the object identifiers a certificate of Keyward's carries in its extended key
 * usages, access methods and policies (RFC 5280 sections 4.2.1.12, 4.2.2.1; Microsoft's
 * for Windows logon).
 */
final class ObjectNames {

	private static final Map<String, String> NAMES = Map.ofEntries(Map.entry("1.3.6.1.5.5.7.3.1", "serverAuth"),
			Map.entry("1.3.6.1.5.5.7.3.2", "clientAuth"), Map.entry("1.3.6.1.5.5.7.3.3", "codeSigning"),
			Map.entry("1.3.6.1.5.5.7.3.4", "emailProtection"), Map.entry("1.3.6.1.5.5.7.3.8", "timeStamping"),
			Map.entry("1.3.6.1.5.5.7.3.9", "OCSPSigning"), Map.entry("1.3.6.1.5.5.7.3.17", "ipsecIKE"),
			Map.entry("2.5.29.37.0", "anyExtendedKeyUsage"), Map.entry("1.3.6.1.4.1.311.20.2.2", "smartcardLogon"),
			Map.entry("1.3.6.1.4.1.311.25.2", "ntdsSecurity"), Map.entry("1.3.6.1.5.5.7.48.1", "OCSP"),
			Map.entry("1.3.6.1.5.5.7.48.2", "caIssuers"), Map.entry("2.5.29.32.0", "anyPolicy"));

	private ObjectNames() {
	}

	/**
	 * @return e.g. {@code clientAuth (1.3.6.1.5.5.7.3.2)}, the OID alone when unknown
	 */
	static String named(String oid) {
		String name = NAMES.get(oid);
		return (name != null) ? name + " (" + oid + ")" : oid;
	}

}
