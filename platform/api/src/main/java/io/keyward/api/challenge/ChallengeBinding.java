package io.keyward.api.challenge;

import java.util.List;

/**
 * What an MDM bound a challenge to when it minted it: what the CSR that redeems it must
 * carry, and identity the certificate may carry only because the MDM, not the device,
 * vouched for it. Handed back by the redemption to the gateway, which passes it to the
 * ca-adapter; the template decides whether the SID goes into the certificate. Every part
 * is optional; a challenge bound to a part redeems only for a CSR that matches it.
 *
 * @param sid the Windows security identifier of the account the certificate is for
 * ({@code S-1-5-21-...}), put into the Microsoft strong-mapping SAN URL and extension
 * (KB5014754) where the template allows it; null for none
 * @param subject the exact subject DN the CSR must have (RFC 4514, compared as a DN:
 * attribute types and values case-insensitively, RDN by RDN); null for any
 * @param subjectPattern a regular expression the whole subject (RFC 4514 string as the
 * gateway renders it, most specific RDN first) must match; null for any
 * @param subjectAltNames the SANs the CSR must request, exactly this set, as
 * {@code type:value} ({@code dns:}, {@code email:}, {@code uri:}, {@code upn:},
 * {@code ip:}); null for any
 * @param keyUsage the key usages (RFC 5280 section 4.2.1.3 names such as
 * {@code digitalSignature}) the CSR's extensionRequest must ask for, exactly this set;
 * null for any
 * @param deviceId the device identifier the CSR must carry: its subject's
 * {@code serialNumber} attribute (2.5.4.5) or a {@code uri:} SAN equal to it; null for
 * any
 * @param template the certificate template to issue with instead of the profile's; the
 * ca-adapter's policy check refuses one that does not exist; null for the profile's
 */
public record ChallengeBinding(String sid, String subject, String subjectPattern, List<String> subjectAltNames,
		List<String> keyUsage, String deviceId, String template) {

	/** A security identifier as Windows writes it: S-1-authority-subauthorities. */
	public static final String SID_PATTERN = "S-1-[0-9]{1,14}(-[0-9]{1,10}){1,15}";

	/**
	 * A binding to an account's SID only.
	 */
	public ChallengeBinding(String sid) {
		this(sid, null, null, null, null, null, null);
	}

}
