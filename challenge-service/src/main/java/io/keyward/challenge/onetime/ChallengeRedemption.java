package io.keyward.challenge.onetime;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.keyward.api.challenge.RedemptionRequest;
import io.keyward.api.challenge.RedemptionResult;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Redeems a challenge for the scep-gateway: exactly once, and only before it expires and
 * on the profile it was minted for (RFC 8894 section 7.3: a challengePassword SHOULD be
 * usable once).
 *
 * <p>
 * A gateway that retries a redemption it already won (same transactionID, same public
 * key, for example after a timeout on the way back) is accepted again: the challenge was
 * used by that very SCEP transaction, and RFC 8894 section 3.3.1 lets a client resend a
 * PKCSReq with the same transactionID. Any other second use is refused.
 */
@Service
class ChallengeRedemption {

	private static final Logger log = LoggerFactory.getLogger(ChallengeRedemption.class);

	private final ChallengeRepository challenges;

	private final ChallengeHasher hasher;

	private final Clock clock;

	private final MeterRegistry meters;

	ChallengeRedemption(ChallengeRepository challenges, ChallengeHasher hasher, Clock clock, MeterRegistry meters) {
		this.challenges = challenges;
		this.hasher = hasher;
		this.clock = clock;
		this.meters = meters;
	}

	@Transactional
	RedemptionResult redeem(RedemptionRequest request) {
		String transactionId = require(request.transactionId(), "transactionId");
		String profile = require(request.profile(), "profile");
		byte[] hash = this.hasher.hash(require(request.challenge(), "challenge"));
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		Optional<Challenge> candidate = find(hash);
		if (candidate.isEmpty()) {
			return reject(Rejection.UNKNOWN, request, Rejection.UNKNOWN.reason());
		}
		if (!candidate.get().profile().equals(profile)) {
			return reject(Rejection.WRONG_PROFILE, request, Rejection.WRONG_PROFILE.reason(candidate.get().profile()));
		}
		int redeemed = this.challenges.redeem(hash, profile, now, transactionId, request.subject(),
				request.publicKeySha256());
		if (redeemed == 1) {
			return accept(candidate.get().template(), request, "event=challenge_redeemed");
		}
		// lost to another redemption, or expired: read the row as committed now
		Challenge current = find(hash).orElseThrow();
		if (current.redeemedAt() == null) {
			return reject(Rejection.EXPIRED, request, Rejection.EXPIRED.reason());
		}
		if (isRetryOf(current, transactionId, request.publicKeySha256())) {
			return accept(current.template(), request, "event=challenge_redemption_repeated");
		}
		return reject(Rejection.ALREADY_USED, request, Rejection.ALREADY_USED.reason());
	}

	/**
	 * Find by the keyed hash, then compare the hashes once more in constant time: the
	 * equality the index performs is not specified to be constant-time.
	 */
	private Optional<Challenge> find(byte[] hash) {
		return this.challenges.findByChallengeHash(hash)
			.filter((challenge) -> MessageDigest.isEqual(challenge.challengeHash(), hash));
	}

	private static boolean isRetryOf(Challenge challenge, String transactionId, @Nullable String publicKeySha256) {
		return transactionId.equals(challenge.transactionId()) && publicKeySha256 != null
				&& publicKeySha256.equalsIgnoreCase(String.valueOf(challenge.publicKeySha256()));
	}

	private RedemptionResult accept(String template, RedemptionRequest request, String event) {
		log.info("{} profile={} transactionId={} template={}", event, LogText.safe(request.profile()),
				LogText.safe(request.transactionId()), template);
		this.meters.counter("keyward.challenge.redemptions", "outcome", "accepted", "reason", "none").increment();
		return RedemptionResult.accepted(template);
	}

	private RedemptionResult reject(Rejection rejection, RedemptionRequest request, String reason) {
		log.info("event=challenge_rejected reason={} profile={} transactionId={}", rejection.code(),
				LogText.safe(request.profile()), LogText.safe(request.transactionId()));
		this.meters.counter("keyward.challenge.redemptions", "outcome", "rejected", "reason", rejection.code())
			.increment();
		return RedemptionResult.rejected(reason);
	}

	private static String require(@Nullable String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("'" + name + "' is required.");
		}
		return value;
	}

}
