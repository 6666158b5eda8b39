package io.keyward.api.challenge;

import java.util.List;

import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/**
 * The challenge-service's profile settings for the admin-ui (caller scope
 * {@code challenge-profiles:read}).
 */
@HttpExchange("/internal/v1/challenge-profiles")
public interface ChallengeProfileClient {

	@GetExchange
	List<ChallengeProfileSettings> profiles();

}
