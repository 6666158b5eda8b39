package io.keyward.api.challenge;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/**
 * The challenge-service's read of one challenge's life by correlation id, for the
 * admin-ui (scope {@code challenges:read}).
 */
@HttpExchange("/internal/v1/challenge-lives")
public interface ChallengeLifeClient {

	/**
	 * @param correlationId a UUID
	 * @return the challenge minted under it
	 * @throws org.springframework.web.client.HttpClientErrorException.NotFound when no
	 * challenge has it (never minted, or purged)
	 */
	@GetExchange("/{correlationId}")
	ChallengeLife life(@PathVariable String correlationId);

}
