package io.keyward.admin.challenge;

import java.time.Instant;
import java.util.UUID;

import io.keyward.admin.authority.CaFingerprints;
import io.keyward.admin.security.Actor;
import io.keyward.admin.web.ApiProblem;
import io.keyward.api.challenge.ChallengePage;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin API over one-time challenges (scope {@code challenges:manage}), what the
 * Challenges page does: mint one by hand for an MDM API client as NDES's
 * {@code mscep_admin} page gives one (the password in this answer only, never stored
 * here, logged or audited), list a client's outstanding ones a page at a time (by
 * profile; {@code sort=created|expires:asc|desc}, minting order when absent), revoke one.
 */
@RestController
@RequestMapping("/api/v1/challenges")
class ChallengeApiController {

	private final Challenges challenges;

	ChallengeApiController(Challenges challenges) {
		this.challenges = challenges;
	}

	@GetMapping
	ChallengePage outstanding(@RequestParam long client, @RequestParam(required = false) String profile,
			@RequestParam(required = false) String sort, @RequestParam(required = false) String after,
			@RequestParam(defaultValue = "100") int limit) {
		return this.challenges.outstanding(client, profile, sort, after, limit);
	}

	@PostMapping
	ResponseEntity<HandMintedChallenge> mint(@RequestBody HandMint request) {
		if (request.client() == null) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "client must be an MDM API client's id");
		}
		Challenges.HandMinted minted = this.challenges.mint(request.client(), request.profile(), Actor.current());
		HandMintedChallenge answer = new HandMintedChallenge(minted.minted().challenge(), minted.minted().id(),
				request.client(), minted.minted().profile(), minted.minted().expiresAt(),
				minted.minted().correlationId(), minted.ca());
		// the body is a secret: no cache on the way may keep it
		return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore()).body(answer);
	}

	/**
	 * 204 when revoked (now or before); 404 when the client minted no such challenge; 409
	 * when a device already redeemed it.
	 */
	@PostMapping("/{id}/revoke")
	ResponseEntity<Void> revoke(@PathVariable String id, @RequestParam long client) {
		this.challenges.revoke(client, id, Actor.current());
		return ResponseEntity.noContent().build();
	}

	/**
	 * @param client the MDM API client the challenge is minted for (its profiles and cap
	 * apply)
	 * @param profile the enrollment profile, {@code default} when absent
	 */
	record HandMint(Long client, String profile) {
	}

	/**
	 * A challenge minted by hand.
	 *
	 * @param challenge the password, in this answer only
	 * @param id its public id, for the list and the revocation
	 * @param client the MDM API client it counts against
	 * @param profile the enrollment profile it is good for
	 * @param expiresAt when it stops being accepted
	 * @param correlationId the id of its enrollment's life (issue 14)
	 * @param caFingerprints the GetCACert CA certificate's fingerprints, to check the CA
	 * the device will trust
	 */
	record HandMintedChallenge(String challenge, UUID id, long client, String profile, Instant expiresAt,
			String correlationId, CaFingerprints caFingerprints) {
	}

}
