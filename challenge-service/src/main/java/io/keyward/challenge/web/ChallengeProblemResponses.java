package io.keyward.challenge.web;

import io.keyward.edge.problem.ProblemResponses;
import io.keyward.challenge.onetime.ChallengeAlreadyRedeemedException;
import io.keyward.challenge.onetime.ChallengeNotFoundException;
import io.keyward.challenge.onetime.InvalidBindingException;
import io.keyward.challenge.apiclient.ApiClientNameTakenException;
import io.keyward.challenge.apiclient.ApiRateExceededException;
import io.keyward.challenge.apiclient.ProfileNotAllowedException;
import io.keyward.challenge.apiclient.UnknownApiClientException;
import io.keyward.challenge.onetime.OutstandingLimitExceededException;
import io.keyward.challenge.profile.UnknownProfileException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The challenge-service's caller mistakes as RFC 9457 problems.
 */
@RestControllerAdvice
class ChallengeProblemResponses extends ProblemResponses {

	@ExceptionHandler(UnknownProfileException.class)
	ResponseEntity<ProblemDetail> unknownProfile(UnknownProfileException ex) {
		return problem(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler(ChallengeNotFoundException.class)
	ResponseEntity<ProblemDetail> challengeNotFound(ChallengeNotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler(ChallengeAlreadyRedeemedException.class)
	ResponseEntity<ProblemDetail> alreadyRedeemed(ChallengeAlreadyRedeemedException ex) {
		return problem(HttpStatus.CONFLICT, ex.getMessage());
	}

	@ExceptionHandler(InvalidBindingException.class)
	ResponseEntity<ProblemDetail> invalidBinding(InvalidBindingException ex) {
		return problem(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	/**
	 * An API client over its rate: 429 with Retry-After, so that the MDM backs off.
	 */
	@ExceptionHandler(ApiRateExceededException.class)
	ResponseEntity<ProblemDetail> overRate(ApiRateExceededException ex) {
		ResponseEntity<ProblemDetail> problem = problem(HttpStatus.TOO_MANY_REQUESTS, ex.getMessage());
		return ResponseEntity.status(problem.getStatusCode())
			.headers(problem.getHeaders())
			.header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()))
			.body(problem.getBody());
	}

	/**
	 * NDES answers "the password cache is full"; an API says 429 so that the MDM backs
	 * off and retries later. The same for a profile's cap and a client's own cap.
	 */
	@ExceptionHandler(OutstandingLimitExceededException.class)
	ResponseEntity<ProblemDetail> cacheFull(OutstandingLimitExceededException ex) {
		return problem(HttpStatus.TOO_MANY_REQUESTS, ex.getMessage());
	}

	@ExceptionHandler(ProfileNotAllowedException.class)
	ResponseEntity<ProblemDetail> profileNotAllowed(ProfileNotAllowedException ex) {
		return problem(HttpStatus.FORBIDDEN, ex.getMessage());
	}

	@ExceptionHandler(UnknownApiClientException.class)
	ResponseEntity<ProblemDetail> unknownApiClient(UnknownApiClientException ex) {
		return problem(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler(ApiClientNameTakenException.class)
	ResponseEntity<ProblemDetail> nameTaken(ApiClientNameTakenException ex) {
		return problem(HttpStatus.CONFLICT, ex.getMessage());
	}

}
