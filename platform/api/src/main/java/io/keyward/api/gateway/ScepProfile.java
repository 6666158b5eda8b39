package io.keyward.api.gateway;

import java.util.List;

/**
 * An enrollment profile as the gateway serves it, for the dashboard's Profiles page: what
 * an MDM profile needs (the URL, the capabilities) and the gateway's policy.
 *
 * @param name the profile's name
 * @param scepPath {@code /scep/<name>}, relative to the gateway's SCEP base URL
 * @param ndesPath {@code /certsrv/mscep/mscep.dll} when this profile is served at NDES's
 * path too, null otherwise
 * @param capabilities what GetCACaps answers now, in its order (RFC 8894 section 3.5.2)
 * @param contentCiphers the content encryption algorithms accepted in a request's
 * envelope (RFC 8894 section 2.9)
 * @param defaultTemplate the certificate template when the challenge names none
 * @param approval {@code NONE} or {@code REQUIRED}
 * @param approvalMaxAge how long a request may wait for approval, ISO-8601
 * @param enforcePassword whether an enrollment needs a challenge (NDES
 * {@code EnforcePassword})
 * @param renewal whether RenewalReq signed with a valid certificate renews without a
 * challenge
 * @param renewalWindow how early before expiry a renewal is accepted: ISO-8601, or the
 * percentage of the lifetime left when none is set
 * @param revokeOnRenewal whether the renewed certificate is revoked (superseded)
 * @param caCertificates what GetCACert answers: {@code CA_AND_RA}, {@code CA_ONLY}, ...
 * @param certRepIncludesCa whether a SUCCESS CertRep carries the CA chain too
 */
public record ScepProfile(String name, String scepPath, String ndesPath, List<String> capabilities,
		List<String> contentCiphers, String defaultTemplate, String approval, String approvalMaxAge,
		boolean enforcePassword, boolean renewal, String renewalWindow, boolean revokeOnRenewal, String caCertificates,
		boolean certRepIncludesCa) {
}
