package io.keyward.challenge.profile;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The configured challenge profiles, looked up by name.
 */
@Component
public class ChallengeProfiles {

	private final Map<String, ChallengeProfile> byName;

	ChallengeProfiles(ChallengeProperties properties) {
		this.byName = properties.profiles()
			.entrySet()
			.stream()
			.collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
					(entry) -> new ChallengeProfile(entry.getKey(), entry.getValue().template(),
							entry.getValue().validity(),
							(entry.getValue().maxOutstanding() != null) ? entry.getValue().maxOutstanding()
									: properties.maxOutstanding(),
							entry.getValue().mode(), entry.getValue().webhook(), entry.getValue().maxValidity(),
							entry.getValue().passwordLength(), entry.getValue().useSinglePassword())));
	}

	/**
	 * @param name a profile name
	 * @return the profile
	 * @throws UnknownProfileException when no profile has that name
	 */
	public ChallengeProfile require(String name) {
		ChallengeProfile profile = this.byName.get(name);
		if (profile == null) {
			throw new UnknownProfileException(name);
		}
		return profile;
	}

	/**
	 * @param name a profile name, configured or not
	 * @return how its challenges are judged: one-time for a name not configured here (the
	 * one-time store then refuses a challenge minted for another profile)
	 */
	public ChallengeMode modeOf(String name) {
		ChallengeProfile profile = this.byName.get(name);
		return (profile != null) ? profile.mode() : ChallengeMode.ONE_TIME;
	}

	/**
	 * @return the configured profiles
	 */
	public Collection<ChallengeProfile> all() {
		return this.byName.values();
	}

	/**
	 * @param name a profile name, may be null
	 * @return whether a profile has that name
	 */
	public boolean exists(@Nullable String name) {
		return name != null && this.byName.containsKey(name);
	}

}
