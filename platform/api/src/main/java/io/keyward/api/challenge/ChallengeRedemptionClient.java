package io.keyward.api.challenge;

import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * The challenge-service endpoint the scep-gateway calls, authenticated with a service
 * token.
 */
@HttpExchange("/internal/v1/redemptions")
public interface ChallengeRedemptionClient {

	@PostExchange
	RedemptionResult redeem(@RequestBody RedemptionRequest request);

	/**
	 * Whether {@link #redeem} would accept this request now, and with which template and
	 * binding, without using the challenge up: the gateway asks the ca-adapter's policy
	 * before the challenge is spent.
	 */
	@PostExchange("/preview")
	RedemptionResult preview(@RequestBody RedemptionRequest request);

	/**
	 * Give back a challenge this transaction redeemed when the ca-adapter refused its
	 * CSR: the gateway redeems first and issues next (two calls on the way of every
	 * enrollment), and only a refusal costs this third one.
	 */
	@PostExchange("/release")
	ReleaseResult release(@RequestBody ReleaseRequest request);

}
