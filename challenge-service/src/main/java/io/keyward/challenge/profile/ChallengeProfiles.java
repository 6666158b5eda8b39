package io.keyward.challenge.profile;

import java.util.Map;
import java.util.stream.Collectors;

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
							entry.getValue().validity(), (entry.getValue().maxOutstanding() != null)
									? entry.getValue().maxOutstanding() : properties.maxOutstanding(),
							entry.getValue().passwordLength())));
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

}
