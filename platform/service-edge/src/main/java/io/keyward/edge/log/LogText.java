package io.keyward.edge.log;

/**
 * The one sanitiser for text a caller or a device chose (a transactionID, a subject, a
 * user name, an exception's message) on its way into a structured log line
 * ({@code event=... key=value}): kept on one line and bounded, so it can neither forge a
 * log entry nor flood the log. Control characters (C0, DEL, C1), the Unicode line and
 * paragraph separators, double quotes and backslashes become {@code _}; longer text is
 * cut at {@value #MAX_LENGTH} characters and marked with {@code ...}; null is {@code -}.
 */
public final class LogText {

	static final int MAX_LENGTH = 256;

	private LogText() {
	}

	/**
	 * For a value written inside double quotes ({@code subject="{}"}): blanks are kept.
	 * @param value any text, may be null
	 * @return the text safe for one log line
	 */
	public static String printable(String value) {
		return clean(value, false);
	}

	/**
	 * For a bare value ({@code transactionId={}}): blanks become {@code _} too, so the
	 * text cannot add a {@code key=value} pair of its own.
	 * @param value any text, may be null
	 * @return the text safe as one token of a log line
	 */
	public static String token(String value) {
		return clean(value, true);
	}

	private static String clean(String value, boolean blanks) {
		if (value == null) {
			return "-";
		}
		int length = Math.min(value.length(), MAX_LENGTH);
		StringBuilder out = new StringBuilder(length + 3);
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			boolean unsafe = Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '"' || c == '\\'
					|| (blanks && Character.isWhitespace(c));
			out.append(unsafe ? '_' : c);
		}
		if (value.length() > MAX_LENGTH) {
			out.append("...");
		}
		return out.toString();
	}

}
