package io.keyward.scep;

import java.util.Arrays;
import java.util.Optional;

/**
 * The {@code failInfo} of a FAILURE CertRep. Values 5 to 12 are CMC codes that certmonger
 * prints but RFC 8894 does not define; they are never sent.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8894#section-3.2.1.4">RFC 8894 section
 * 3.2.1.4</a>
 */
public enum FailInfo {

	/** Unrecognized or unsupported algorithm. */
	BAD_ALG(0, "badAlg"),

	/** Integrity check (signature verification of the CMS message) failed. */
	BAD_MESSAGE_CHECK(1, "badMessageCheck"),

	/** Transaction not permitted or supported. */
	BAD_REQUEST(2, "badRequest"),

	/** The signingTime attribute was not sufficiently close to the system time. */
	BAD_TIME(3, "badTime"),

	/** No certificate could be identified matching the provided criteria. */
	BAD_CERT_ID(4, "badCertId");

	private final int code;

	private final String rfcName;

	FailInfo(int code, String rfcName) {
		this.code = code;
		this.rfcName = rfcName;
	}

	public int code() {
		return this.code;
	}

	public String rfcName() {
		return this.rfcName;
	}

	/**
	 * Looks a code up.
	 * @param code the decimal value of the attribute
	 * @return the fail info, or empty for a value RFC 8894 does not define
	 */
	public static Optional<FailInfo> of(int code) {
		return Arrays.stream(values()).filter((info) -> info.code == code).findFirst();
	}

}
