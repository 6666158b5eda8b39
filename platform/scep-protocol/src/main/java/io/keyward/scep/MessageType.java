package io.keyward.scep;

import java.util.Arrays;
import java.util.Optional;

/**
 * SCEP message types carried in the {@code messageType} signed attribute as a decimal
 * PrintableString.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8894#section-3.2.1.2">RFC 8894 section
 * 3.2.1.2</a>
 */
public enum MessageType {

	CERT_REP(3, "CertRep"),

	RENEWAL_REQ(17, "RenewalReq"),

	PKCS_REQ(19, "PKCSReq"),

	/** Formerly GetCertInitial. */
	CERT_POLL(20, "CertPoll"),

	GET_CERT(21, "GetCert"),

	GET_CRL(22, "GetCRL");

	private final int code;

	private final String rfcName;

	MessageType(int code, String rfcName) {
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
	 * Looks a code up. Values not in the IANA registry are errors unless negotiated
	 * (section 3.2.1.2), so callers answer an empty result with {@code badRequest}.
	 * @param code the decimal value of the attribute
	 * @return the type, or empty when the code is not assigned
	 */
	public static Optional<MessageType> of(int code) {
		return Arrays.stream(values()).filter((type) -> type.code == code).findFirst();
	}

}
