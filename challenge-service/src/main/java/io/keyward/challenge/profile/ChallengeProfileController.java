package io.keyward.challenge.profile;

import java.util.Comparator;
import java.util.List;

import io.keyward.api.challenge.ChallengeProfileSettings;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every challenge profile's settings, for the dashboard's Profiles page; caller scope
 * {@code challenge-profiles:read}, the admin-ui's only. Settings only: no challenge, no
 * key.
 */
@RestController
class ChallengeProfileController {

	private final ChallengeProfiles profiles;

	ChallengeProfileController(ChallengeProfiles profiles) {
		this.profiles = profiles;
	}

	@GetMapping("/internal/v1/challenge-profiles")
	List<ChallengeProfileSettings> profiles() {
		return this.profiles.all()
			.stream()
			.sorted(Comparator.comparing(ChallengeProfile::name))
			.map((profile) -> new ChallengeProfileSettings(profile.name(), profile.template(), profile.mode().name(),
					profile.validity().toString(), profile.maxValidity().toString(), profile.maxOutstanding(),
					profile.passwordLength(), profile.singlePassword()))
			.toList();
	}

}
