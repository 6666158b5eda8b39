package io.keyward.challenge.onetime;

import org.jspecify.annotations.Nullable;

/**
 * Caller-supplied text (a SCEP transactionID, a profile name) made safe for a one-line
 * {@code key=value} log: control characters and blanks replaced, length capped, so that a
 * device cannot forge log lines.
 */
final class LogText {

	private static final int MAX_LENGTH = 128;

	private LogText() {
	}

	static String safe(@Nullable String value) {
		if (value == null) {
			return "-";
		}
		StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_LENGTH));
		for (int i = 0; i < value.length() && out.length() < MAX_LENGTH; i++) {
			char c = value.charAt(i);
			out.append((c <= 0x20 || c == 0x7f) ? '_' : c);
		}
		return out.toString();
	}

}
