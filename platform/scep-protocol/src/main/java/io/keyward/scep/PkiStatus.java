package io.keyward.scep;

import java.util.Arrays;
import java.util.Optional;

/**
 * The {@code pkiStatus} of a CertRep. There is no value 1.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8894#section-3.2.1.3">RFC 8894 section
 * 3.2.1.3</a>
 */
public enum PkiStatus {

	SUCCESS(0),

	FAILURE(2),

	PENDING(3);

	private final int code;

	PkiStatus(int code) {
		this.code = code;
	}

	public int code() {
		return this.code;
	}

	/**
	 * Looks a code up.
	 * @param code the decimal value of the attribute
	 * @return the status, or empty for a value RFC 8894 does not define
	 */
	public static Optional<PkiStatus> of(int code) {
		return Arrays.stream(values()).filter((status) -> status.code == code).findFirst();
	}

}
