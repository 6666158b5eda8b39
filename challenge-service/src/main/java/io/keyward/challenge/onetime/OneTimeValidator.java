package io.keyward.challenge.onetime;

import io.keyward.api.challenge.RedemptionRequest;
import io.keyward.api.challenge.RedemptionResult;
import io.keyward.api.challenge.ReleaseRequest;
import io.keyward.challenge.profile.ChallengeMode;
import io.keyward.challenge.validator.ChallengeValidator;

import org.springframework.stereotype.Component;

/**
 * The one-time mode: challenges minted here and redeemed once
 * ({@link ChallengeRedemption}).
 */
@Component
class OneTimeValidator implements ChallengeValidator {

	private final ChallengeRedemption redemption;

	OneTimeValidator(ChallengeRedemption redemption) {
		this.redemption = redemption;
	}

	@Override
	public ChallengeMode mode() {
		return ChallengeMode.ONE_TIME;
	}

	@Override
	public RedemptionResult preview(RedemptionRequest request) {
		return this.redemption.preview(request);
	}

	@Override
	public RedemptionResult redeem(RedemptionRequest request) {
		return this.redemption.redeem(request);
	}

	@Override
	public boolean release(ReleaseRequest request) {
		return this.redemption.release(request);
	}

}
