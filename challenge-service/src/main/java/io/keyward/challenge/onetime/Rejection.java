package io.keyward.challenge.onetime;

/**
 * Why a redemption was refused: a stable code for logs and metrics, and the reason text
 * the gateway receives (it maps every one of them to CertRep FAILURE badRequest, RFC 8894
 * section 3.3.2.2).
 */
enum Rejection {

	UNKNOWN("unknown", "unknown challenge"),

	EXPIRED("expired", "challenge expired"),

	ALREADY_USED("already_used", "challenge already used"),

	WRONG_PROFILE("wrong_profile", "challenge issued for profile %s"),

	REVOKED("revoked", "challenge revoked"),

	/** Burned earlier by a CSR that missed its binding (docs/decisions.md). */
	REFUSED("refused", "challenge burned by an earlier CSR that did not match its binding"),

	BINDING_MISMATCH("binding_mismatch", "CSR does not match the challenge's binding: %s");

	private final String code;

	private final String reason;

	Rejection(String code, String reason) {
		this.code = code;
		this.reason = reason;
	}

	String code() {
		return this.code;
	}

	String reason(Object... args) {
		return this.reason.formatted(args);
	}

}
