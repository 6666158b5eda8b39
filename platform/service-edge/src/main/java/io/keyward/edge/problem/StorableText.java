package io.keyward.edge.problem;

/**
 * Whether a caller's text can be kept at all: PostgreSQL refuses U+0000 in any text value
 * ("invalid byte sequence for encoding UTF8: 0x00"), and an unpaired UTF-16 surrogate has
 * no UTF-8 encoding. Such text is refused where it enters (parameters:
 * {@link RequestTextFilter}; JSON bodies: {@link StorableTextModule}) so that it never
 * reaches a handler, the database or an encoder as an internal error.
 */
public final class StorableText {

	/** What a refusal says about the text, never the text itself. */
	static final String WHY = "holds a character that cannot be stored (U+0000 or an unpaired UTF-16 surrogate)";

	private StorableText() {
	}

	public static boolean isStorable(CharSequence text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\0') {
				return false;
			}
			if (Character.isHighSurrogate(c)) {
				if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
					return false;
				}
				i++;
			}
			else if (Character.isLowSurrogate(c)) {
				return false;
			}
		}
		return true;
	}

}
