package io.keyward.scep;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Decodes the {@code message} parameter of a GET PKIOperation from the raw query string.
 * RFC 8894 wants standard base64 escaped per RFC 3986, but clients differ: iOS and Cisco
 * leave {@code +} and {@code /} raw (and a servlet container turns {@code +} into a
 * space), sscep escapes newlines as {@code %0A}, the old micromdm client used base64url,
 * and padding is sometimes missing. So: percent-decode without treating {@code +} as
 * space, turn spaces back into {@code +} (as EJBCA does), drop CR/LF/whitespace, map
 * {@code -_} to {@code +/}, re-pad, then decode.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8894#section-4.1">RFC 8894 section
 * 4.1</a>
 */
public final class MessageParameter {

	private static final String NAME = "message=";

	private MessageParameter() {
	}

	/**
	 * Extracts and decodes {@code message=}.
	 * @param rawQueryString the query string as sent, not decoded by the container
	 * @return the pkiMessage bytes
	 * @throws MalformedMessageException when the parameter is missing or not base64
	 */
	public static byte[] decode(String rawQueryString) throws MalformedMessageException {
		String value = extract(rawQueryString);
		String text = percentDecode(value).replace(' ', '+').replaceAll("\\s", "").replace('-', '+').replace('_', '/');
		while (text.endsWith("=")) {
			text = text.substring(0, text.length() - 1);
		}
		if (text.isEmpty() || text.length() % 4 == 1) {
			throw new MalformedMessageException("message parameter is not base64");
		}
		text = text + "=".repeat((4 - text.length() % 4) % 4);
		try {
			return Base64.getDecoder().decode(text);
		}
		catch (IllegalArgumentException ex) {
			throw new MalformedMessageException("message parameter is not base64", ex);
		}
	}

	private static String extract(String rawQueryString) throws MalformedMessageException {
		if (rawQueryString == null) {
			throw new MalformedMessageException("message parameter missing");
		}
		String query = rawQueryString.substring(rawQueryString.indexOf('?') + 1);
		for (String parameter : query.split("&")) {
			if (parameter.regionMatches(true, 0, NAME, 0, NAME.length())) {
				return parameter.substring(NAME.length());
			}
		}
		throw new MalformedMessageException("message parameter missing");
	}

	private static String percentDecode(String value) throws MalformedMessageException {
		if (value.indexOf('%') < 0) {
			return value;
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '%') {
				if (i + 2 >= value.length() || !HexFormat.isHexDigit(value.charAt(i + 1))
						|| !HexFormat.isHexDigit(value.charAt(i + 2))) {
					throw new MalformedMessageException("message parameter has a bad percent escape");
				}
				out.write(HexFormat.fromHexDigits(value, i + 1, i + 3));
				i += 2;
			}
			else {
				out.write(c);
			}
		}
		return out.toString(StandardCharsets.ISO_8859_1);
	}

}
