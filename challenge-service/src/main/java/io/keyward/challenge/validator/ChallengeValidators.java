package io.keyward.challenge.validator;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.keyward.api.challenge.RedemptionRequest;
import io.keyward.api.challenge.RedemptionResult;
import io.keyward.api.challenge.ReleaseRequest;
import io.keyward.api.challenge.ReleaseResult;
import io.keyward.challenge.profile.ChallengeMode;
import io.keyward.challenge.profile.ChallengeProfile;
import io.keyward.challenge.profile.ChallengeProfiles;
import io.keyward.edge.problem.InvalidRequest;

import org.springframework.stereotype.Component;

/**
 * Hands each redemption to the validator of its profile's mode. A profile whose mode has
 * no validator in this build fails the start, not the first device.
 */
@Component
public class ChallengeValidators {

	private final Map<ChallengeMode, ChallengeValidator> byMode = new EnumMap<>(ChallengeMode.class);

	private final ChallengeProfiles profiles;

	ChallengeValidators(List<ChallengeValidator> validators, ChallengeProfiles profiles) {
		validators.forEach((validator) -> this.byMode.put(validator.mode(), validator));
		this.profiles = profiles;
		for (ChallengeProfile profile : profiles.all()) {
			if (!this.byMode.containsKey(profile.mode())) {
				throw new IllegalStateException("challenge profile '" + profile.name() + "' has mode " + profile.mode()
						+ ", which is not configured (see docs/mdm-integration.md)");
			}
		}
	}

	public RedemptionResult preview(RedemptionRequest request) {
		return of(request).preview(request);
	}

	public RedemptionResult redeem(RedemptionRequest request) {
		return of(request).redeem(request);
	}

	public ReleaseResult release(ReleaseRequest request) {
		return new ReleaseResult(of(request.profile()).release(request));
	}

	private ChallengeValidator of(RedemptionRequest request) {
		return of(request.profile());
	}

	private ChallengeValidator of(String profile) {
		if (profile == null || profile.isBlank()) {
			throw new InvalidRequest("'profile' is required.");
		}
		return this.byMode.get(this.profiles.modeOf(profile));
	}

}
