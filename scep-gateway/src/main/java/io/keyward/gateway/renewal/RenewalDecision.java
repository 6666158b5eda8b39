package io.keyward.gateway.renewal;

import io.keyward.scep.FailInfo;

/**
 * What {@link RenewalAuthorization} made of a request's signer certificate.
 */
public sealed interface RenewalDecision {

	/**
	 * Not a renewal: a PKCSReq signed with a self-signed (or another CA's) certificate,
	 * authorised by its challenge as before.
	 */
	record Enrollment() implements RenewalDecision {
	}

	/**
	 * A renewal authorised by a valid certificate of this CA, inside its window.
	 *
	 * @param serial the renewed certificate's serial, upper-case hex as the ca-adapter
	 * spells it
	 */
	record Authorized(String serial) implements RenewalDecision {
	}

	/**
	 * A renewal that must be refused.
	 *
	 * @param serial the serial of the signer certificate
	 * @param failInfo the RFC 8894 failInfo to answer
	 * @param reason the failInfoText
	 * @param cause a short, stable name for logs and metrics ({@code expired},
	 * {@code not_issued_by_us}, ...)
	 */
	record Refused(String serial, FailInfo failInfo, String reason, String cause) implements RenewalDecision {
	}

}
