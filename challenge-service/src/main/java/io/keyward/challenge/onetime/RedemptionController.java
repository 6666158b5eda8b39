package io.keyward.challenge.onetime;

import io.keyward.api.challenge.RedemptionRequest;
import io.keyward.api.challenge.RedemptionResult;
import io.keyward.api.challenge.ReleaseRequest;
import io.keyward.api.challenge.ReleaseResult;
import io.keyward.challenge.validator.ChallengeValidators;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The gateway's endpoint ({@link io.keyward.api.challenge.ChallengeRedemptionClient}):
 * always 200 with accepted or rejected-with-reason for a well-formed request, so that the
 * gateway can tell a refused challenge from a broken call. Each request goes to its
 * profile's challenge mode.
 */
@RestController
class RedemptionController {

	private final ChallengeValidators redemption;

	RedemptionController(ChallengeValidators redemption) {
		this.redemption = redemption;
	}

	@PostMapping("/internal/v1/redemptions")
	RedemptionResult redeem(@RequestBody RedemptionRequest request) {
		return this.redemption.redeem(request);
	}

	@PostMapping("/internal/v1/redemptions/preview")
	RedemptionResult preview(@RequestBody RedemptionRequest request) {
		return this.redemption.preview(request);
	}

	@PostMapping("/internal/v1/redemptions/release")
	ReleaseResult release(@RequestBody ReleaseRequest request) {
		return this.redemption.release(request);
	}

}
