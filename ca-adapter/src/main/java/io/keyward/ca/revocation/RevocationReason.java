package io.keyward.ca.revocation;

import java.util.Arrays;
import java.util.stream.Collectors;

import io.keyward.edge.problem.InvalidRequest;
import org.bouncycastle.asn1.x509.CRLReason;

/**
 * RFC 5280 section 5.3.1 CRLReason, by the names the RFC's ASN.1 gives them. Value 7 is
 * unused and removeFromCRL (8) is for delta CRLs only, so neither can be asked for.
 */
enum RevocationReason {

	unspecified(CRLReason.unspecified), keyCompromise(CRLReason.keyCompromise), cACompromise(CRLReason.cACompromise),
	affiliationChanged(CRLReason.affiliationChanged), superseded(CRLReason.superseded),
	cessationOfOperation(CRLReason.cessationOfOperation), certificateHold(CRLReason.certificateHold),
	privilegeWithdrawn(CRLReason.privilegeWithdrawn), aACompromise(CRLReason.aACompromise);

	private final int code;

	RevocationReason(int code) {
		this.code = code;
	}

	int code() {
		return this.code;
	}

	/**
	 * @param name exactly as in the RFC (case matters: {@code cACompromise}), null for
	 * {@code unspecified}
	 * @throws InvalidRequest for any other name (answered 400)
	 */
	static RevocationReason of(String name) {
		if (name == null || name.isBlank()) {
			return unspecified;
		}
		return Arrays.stream(values())
			.filter((reason) -> reason.name().equals(name.strip()))
			.findFirst()
			.orElseThrow(() -> new InvalidRequest("unknown revocation reason; one of "
					+ Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "))));
	}

	static RevocationReason ofCode(int code) {
		return Arrays.stream(values()).filter((reason) -> reason.code == code).findFirst().orElse(unspecified);
	}

}
