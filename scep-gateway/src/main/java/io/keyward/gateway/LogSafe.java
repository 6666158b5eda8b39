package io.keyward.gateway;

/**
 * Device-controlled text (transactionID, subject) goes into log lines: keep it on one
 * line and bounded so it cannot forge entries or flood the log.
 */
public final class LogSafe {

	private static final int MAX = 256;

	private LogSafe() {
	}

	public static String text(String value) {
		if (value == null) {
			return "";
		}
		StringBuilder out = new StringBuilder(Math.min(value.length(), MAX));
		for (int i = 0; i < value.length() && out.length() < MAX; i++) {
			char c = value.charAt(i);
			out.append((c < 0x20 || c == 0x7f || c == '"') ? '_' : c);
		}
		return out.toString();
	}

}
