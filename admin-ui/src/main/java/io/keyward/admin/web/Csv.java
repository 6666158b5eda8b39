package io.keyward.admin.web;

import java.util.stream.Stream;

/**
 * CSV lines for every download of the dashboard (the audit log, certificate and request
 * searches): RFC 4180 (every cell quoted, quotes doubled, CRLF line ends), and a cell a
 * spreadsheet would run as a formula ({@code = + - @}, tab or carriage return first) is
 * prefixed with {@code '}: subjects and SANs come from CSRs, attacker-controlled text
 * (OWASP "CSV Injection").
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc4180#section-2">RFC 4180 section 2</a>
 */
public final class Csv {

	private Csv() {
	}

	public static String line(Stream<String> cells) {
		return String.join(",", cells.map(Csv::cell).toList()) + "\r\n";
	}

	public static String line(String... cells) {
		return line(Stream.of(cells));
	}

	static String cell(String value) {
		if (value == null) {
			return "";
		}
		String text = (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) ? "'" + value : value;
		return "\"" + text.replace("\"", "\"\"") + "\"";
	}

}
