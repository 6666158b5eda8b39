package io.keyward.api.challenge;

import java.time.Instant;
import java.util.List;

/**
 * An MDM API client as the challenge-service's management API shows it: never a key or a
 * key's hash.
 *
 * @param id {@code api_client.id}
 * @param name unique name, also the NDES admin page's user name
 * @param scopes what it may do, e.g. {@code challenge:mint}
 * @param profiles the challenge profiles it may mint for; null for every profile
 * @param maxOutstanding its cap on unexpired, unredeemed challenges across its profiles;
 * 0 for none
 * @param ratePerSecond its own sustained calls per second; null for the service's default
 * @param rateBurst its own burst; null for the service's default
 * @param createdAt when it was created
 * @param disabledAt when it was disabled, null while enabled
 * @param keys its keys, newest first, revoked ones included
 */
public record MdmClient(long id, String name, List<String> scopes, List<String> profiles, int maxOutstanding,
		Integer ratePerSecond, Integer rateBurst, Instant createdAt, Instant disabledAt, List<Key> keys) {

	public boolean enabled() {
		return this.disabledAt == null;
	}

	/**
	 * One API key of a client (rotation: several may be active at once).
	 *
	 * @param id {@code api_client_key.id}
	 * @param label what the admin called it, e.g. {@code 2027-rotation}
	 * @param createdAt when it was created
	 * @param lastUsedAt when it last authenticated a call, to the minute; null if never
	 * @param revokedAt when it was revoked, null while active
	 */
	public record Key(long id, String label, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {

		public boolean active() {
			return this.revokedAt == null;
		}

	}

}
