package io.keyward.admin.web;

/**
 * Text typed by whoever is at a form or an API (user names, token names, comments) made
 * safe for one log line: control characters neutralised, length capped.
 */
public final class LogText {

	private static final int MAX_LENGTH = 64;

	private LogText() {
	}

	public static String printable(String value) {
		if (value == null) {
			return "";
		}
		StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_LENGTH));
		for (int i = 0; i < value.length() && i < MAX_LENGTH; i++) {
			char c = value.charAt(i);
			out.append(Character.isISOControl(c) ? '?' : c);
		}
		return out.toString();
	}

}
