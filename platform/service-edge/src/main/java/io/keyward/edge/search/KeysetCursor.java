package io.keyward.edge.search;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.keyward.edge.problem.InvalidRequest;

/**
 * Where a keyset page ended: the order it was read in, the last row's sort key and its
 * id. Opaque to callers (base64url of {@code <order>|<key>|<id>}); a cursor is only good
 * for the order it was made in. The key may itself hold {@code |}: it is what lies
 * between the first and the last one.
 *
 * @param order the order's spelling, e.g. {@code created:desc}
 * @param key the last row's sort key as text
 * @param id the last row's id, the tie-breaker
 */
public record KeysetCursor(String order, String key, String id) {

	/**
	 * @return the cursor as the API hands it out
	 */
	public String encode() {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString((this.order + "|" + this.key + "|" + this.id).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * @param cursor what the API handed out
	 * @param order the spelling of the order the caller asks for now
	 * @return the cursor
	 * @throws InvalidRequest when it is no cursor of this API or of another order
	 */
	public static KeysetCursor decode(String cursor, String order) {
		String text;
		try {
			text = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequest("after is not a cursor this API returned");
		}
		int first = text.indexOf('|');
		int last = text.lastIndexOf('|');
		if (first < 0 || first == last) {
			throw new InvalidRequest("after is not a cursor this API returned");
		}
		if (!text.substring(0, first).equals(order)) {
			throw new InvalidRequest("after is a cursor of another sort order");
		}
		return new KeysetCursor(order, text.substring(first + 1, last), text.substring(last + 1));
	}

}
