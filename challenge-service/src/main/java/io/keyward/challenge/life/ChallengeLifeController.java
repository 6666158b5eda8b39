package io.keyward.challenge.life;

import java.util.UUID;

import io.keyward.api.challenge.ChallengeLife;
import io.keyward.edge.log.CorrelationIds;
import io.keyward.edge.problem.InvalidRequest;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@link io.keyward.api.challenge.ChallengeLifeClient}: the admin-ui reads one
 * challenge's life (scope {@code challenges:read}); 400 for an id that is not a UUID, 404
 * for one no challenge has.
 */
@RestController
class ChallengeLifeController {

	private final ChallengeLives lives;

	ChallengeLifeController(ChallengeLives lives) {
		this.lives = lives;
	}

	@GetMapping("/internal/v1/challenge-lives/{correlationId}")
	ChallengeLife life(@PathVariable String correlationId) {
		UUID id = CorrelationIds.parse(correlationId);
		if (id == null) {
			throw new InvalidRequest("correlationId must be a UUID");
		}
		return this.lives.find(id)
			.orElseThrow(
					() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No challenge has this correlation id."));
	}

}
