package io.keyward.scep;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * GetCACaps keywords. The CA must send the exact case and clients should ignore case;
 * unknown keywords are ignored (section 3.5.2). {@code Update}, {@code SHA-224} and
 * {@code SHA-384} are deliberately absent: they are not in RFC 8894.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8894#section-3.5.2">RFC 8894 section
 * 3.5.2</a>
 */
public enum CaCapability {

	AES("AES"),

	DES3("DES3"),

	GET_NEXT_CA_CERT("GetNextCACert"),

	POST_PKI_OPERATION("POSTPKIOperation"),

	RENEWAL("Renewal"),

	SHA_1("SHA-1"),

	SHA_256("SHA-256"),

	SHA_512("SHA-512"),

	SCEP_STANDARD("SCEPStandard");

	private final String keyword;

	CaCapability(String keyword) {
		this.keyword = keyword;
	}

	public String keyword() {
		return this.keyword;
	}

	/**
	 * Renders a GetCACaps body: one keyword per line, LF separated, with a trailing LF,
	 * in the iteration order of the collection.
	 * @param caps the capabilities to advertise
	 * @return the {@code text/plain} body
	 */
	public static String render(Collection<CaCapability> caps) {
		return caps.stream().map((cap) -> cap.keyword + "\n").collect(Collectors.joining());
	}

	/**
	 * Parses a GetCACaps body as a client would: LF or CRLF separated, case-insensitive,
	 * unknown keywords ignored.
	 * @param body the response body
	 * @return the recognized capabilities
	 */
	public static Set<CaCapability> parse(String body) {
		Set<CaCapability> caps = EnumSet.noneOf(CaCapability.class);
		for (String line : body.split("\\R")) {
			String word = line.strip().toUpperCase(Locale.ROOT);
			for (CaCapability cap : values()) {
				if (cap.keyword.toUpperCase(Locale.ROOT).equals(word)) {
					caps.add(cap);
				}
			}
		}
		return caps;
	}

}
