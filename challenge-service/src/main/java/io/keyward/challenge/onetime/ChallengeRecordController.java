package io.keyward.challenge.onetime;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.keyward.api.challenge.ChallengePage;
import io.keyward.api.challenge.ChallengeRecord;
import io.keyward.challenge.apiclient.ApiClientPrincipal;
import io.keyward.challenge.apiclient.ApiClientRate;
import io.keyward.edge.problem.InvalidRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The MDM API on a minted challenge: read it back ({@code challenge:read}), list them
 * ({@code challenge:list}), revoke an outstanding one ({@code challenge:revoke}). A
 * client sees only the challenges it minted; the secret and its hash are never answered.
 */
@RestController
class ChallengeRecordController {

	private final ChallengeRepository challenges;

	private final ChallengeListing listing;

	private final ApiClientRate rate;

	private final Clock clock;

	private final ChallengeRevocation revocation;

	ChallengeRecordController(ChallengeRepository challenges, ChallengeListing listing, ApiClientRate rate, Clock clock,
			ChallengeRevocation revocation) {
		this.challenges = challenges;
		this.listing = listing;
		this.rate = rate;
		this.clock = clock;
		this.revocation = revocation;
	}

	@GetMapping("/api/v1/challenges/{id}")
	ChallengeRecord read(@PathVariable String id, @AuthenticationPrincipal ApiClientPrincipal client) {
		this.rate.check(client);
		return record(
				this.challenges.findByPublicId(publicId(id), client.id()).orElseThrow(ChallengeNotFoundException::new),
				this.clock.instant());
	}

	@GetMapping("/api/v1/challenges")
	ChallengePage list(@RequestParam(required = false) @Nullable String state,
			@RequestParam(required = false) @Nullable String profile,
			@RequestParam(required = false) @Nullable String externalId,
			@RequestParam(required = false) @Nullable String after, @RequestParam(defaultValue = "100") int limit,
			@AuthenticationPrincipal ApiClientPrincipal client) {
		this.rate.check(client);
		Instant now = this.clock.instant();
		UUID cursor = (after != null) ? cursor(after) : null;
		List<Challenge> page = this.listing.page(client.id(), state, profile, externalId, cursor, limit, now);
		List<ChallengeRecord> items = page.stream().map((challenge) -> record(challenge, now)).toList();
		return new ChallengePage(items, (items.size() == limit) ? items.get(items.size() - 1).id() : null);
	}

	/**
	 * 204 when revoked now or before; 409 when a device already redeemed it.
	 */
	@DeleteMapping("/api/v1/challenges/{id}")
	ResponseEntity<Void> revoke(@PathVariable String id, @AuthenticationPrincipal ApiClientPrincipal client) {
		this.rate.check(client);
		this.revocation.revoke(publicId(id), client.id(), client.name(), "client");
		return ResponseEntity.noContent().build();
	}

	static ChallengeRecord record(Challenge challenge, Instant now) {
		return new ChallengeRecord(challenge.publicId(), challenge.state(now), challenge.profile(),
				challenge.template(), challenge.externalId(), challenge.binding(), challenge.createdAt(),
				challenge.expiresAt(), challenge.redeemedAt(), challenge.transactionId(), challenge.refusedAt(),
				challenge.refusalReason(), challenge.revokedAt());
	}

	/** An id that is not a UUID names no challenge: 404 like any unknown one. */
	static UUID publicId(String id) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw new ChallengeNotFoundException();
		}
	}

	static UUID cursor(String after) {
		try {
			return UUID.fromString(after);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequest("after must be the id of a challenge (the previous page's next)");
		}
	}

}
