package io.keyward.challenge.apiclient;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The MDM API client behind a request, as the security context holds it.
 *
 * @param id {@code api_client.id}, recorded on every challenge it mints
 * @param name the client's name, for logs
 * @param profiles the challenge profiles it may mint for; null for every profile
 * @param maxOutstanding its own cap on outstanding challenges across its profiles; 0 for
 * none
 * @param ratePerSecond its own sustained calls per second; null for the default
 * @param rateBurst its own burst; null for the default
 */
public record ApiClientPrincipal(long id, String name, @Nullable Set<String> profiles, int maxOutstanding,
		@Nullable Integer ratePerSecond, @Nullable Integer rateBurst) {

	/**
	 * A client allowed every profile, without a cap or a rate of its own.
	 */
	public ApiClientPrincipal(long id, String name) {
		this(id, name, null, 0, null, null);
	}

	public ApiClientPrincipal {
		profiles = (profiles != null) ? Set.copyOf(profiles) : null;
	}

	/**
	 * @param profile a challenge profile's name
	 * @return whether this client may mint challenges for it
	 */
	public boolean mayMintFor(String profile) {
		return this.profiles == null || this.profiles.contains(profile);
	}

	public boolean limitsOutstanding() {
		return this.maxOutstanding > 0;
	}

}
