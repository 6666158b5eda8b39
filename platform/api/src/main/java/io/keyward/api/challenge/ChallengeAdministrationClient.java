package io.keyward.api.challenge;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * The challenge-service's challenge administration for the admin-ui (caller scope
 * {@code challenges:manage}): list an MDM API client's challenges, mint one by hand,
 * revoke one. The secret is answered by the mint only, never listed.
 */
@HttpExchange("/internal/v1/challenges")
public interface ChallengeAdministrationClient {

	/**
	 * @param client the MDM API client's id
	 * @param state {@code outstanding}, {@code redeemed}, {@code refused},
	 * {@code revoked} or {@code expired}; null for all
	 * @param profile only the challenges minted for this profile; null for all
	 * @param sort {@code created} or {@code expires}, {@code :asc} or {@code :desc}; null
	 * for minting order
	 * @param after the previous page's {@code next}, null for the first page
	 * @param limit 1 to 500
	 */
	@GetExchange
	ChallengePage list(@RequestParam long client, @RequestParam(required = false) String state,
			@RequestParam(required = false) String profile, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String after, @RequestParam int limit);

	@PostExchange
	MintedChallenge mint(@RequestBody HandMintRequest request);

	/**
	 * @param id the challenge's public id
	 * @param client the MDM API client that minted it
	 */
	@PostExchange("/{id}/revoke")
	void revoke(@PathVariable String id, @RequestParam long client);

}
