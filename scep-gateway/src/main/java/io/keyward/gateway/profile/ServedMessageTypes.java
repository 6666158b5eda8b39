package io.keyward.gateway.profile;

import java.util.EnumSet;
import java.util.Set;

import io.keyward.scep.MessageType;

/**
 * The one place that says which pkiMessage types a profile serves. The decoder refuses
 * every other type with FAILURE badRequest before it checks the signature or opens the
 * envelope, and GetCACaps derives {@code Renewal} from this set, so a type is added here
 * in the same change as the enrollment step that handles and authorises it, never before
 * (step-ca's CVE-2026-30836 issued certificates for types it parsed but never
 * authorised).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8894#section-3.3">RFC 8894 section
 * 3.3</a>
 */
public final class ServedMessageTypes {

	/**
	 * Served on every profile: PKCSReq (section 3.3.1), CertPoll (section 3.3.3), GetCert
	 * and GetCRL (section 3.3.4).
	 */
	private static final Set<MessageType> EVERY_PROFILE = Set
		.copyOf(EnumSet.of(MessageType.PKCS_REQ, MessageType.CERT_POLL, MessageType.GET_CERT, MessageType.GET_CRL));

	/** And RenewalReq (section 3.3.1.2) where the profile renews. */
	private static final Set<MessageType> RENEWING_PROFILE = Set.copyOf(EnumSet.of(MessageType.PKCS_REQ,
			MessageType.CERT_POLL, MessageType.GET_CERT, MessageType.GET_CRL, MessageType.RENEWAL_REQ));

	private ServedMessageTypes() {
	}

	/**
	 * @param profile the profile a request arrived on
	 * @return the types it serves; per-profile types (RenewalReq where renewal is
	 * enabled) are added here
	 */
	public static Set<MessageType> of(EnrollmentProfile profile) {
		return profile.renewal().enabled() ? RENEWING_PROFILE : EVERY_PROFILE;
	}

}
