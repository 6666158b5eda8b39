package io.keyward.challenge.onetime;

import java.security.MessageDigest;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.keyward.api.challenge.ChallengeBinding;
import io.keyward.api.challenge.RedemptionRequest;
import io.keyward.api.challenge.RedemptionResult;
import io.keyward.challenge.profile.ChallengeProperties;
import io.keyward.edge.problem.InvalidRequest;
import io.keyward.edge.log.LogText;

import org.springframework.stereotype.Service;
import org.springframework.jdbc.core.simple.JdbcClient;

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
 * <p>
 * Expiry is judged at the device request's arrival ({@link RedemptionRequest#arrivedAt}):
 * a challenge valid when the request reached the gateway stays redeemable by it through
 * an upstream outage, for at most {@code keyward.challenge.arrival-grace} after it
 * expired. A request that arrives later gets no grace.
 */
@Service
class ChallengeRedemption {

	private static final Logger log = LoggerFactory.getLogger(ChallengeRedemption.class);

	/** The statement of {@link #redeemUnused}, visible to the plan test. */
	static final String REDEEM_UNUSED = """
			update challenge.challenge
			set redeemed_at = :now, transaction_id = :transactionId, subject = :subject,
			    public_key_sha256 = :publicKeySha256
			where challenge_hash = :challengeHash and profile = :profile
			    and transaction_id is null and expires_at > :arrivedAt and expires_at > :graceFloor
			returning challenge_hash, template, bound_sid
			""";

	private final ChallengeRepository challenges;

	private final JdbcClient jdbc;

	private final ChallengeHasher hasher;

	private final Clock clock;

	private final MeterRegistry meters;

	private final ChallengeProperties properties;

	private final StaticChallenges statics;

	ChallengeRedemption(ChallengeRepository challenges, JdbcClient jdbc, ChallengeHasher hasher, Clock clock,
			MeterRegistry meters, ChallengeProperties properties, StaticChallenges statics) {
		this.statics = statics;
		this.challenges = challenges;
		this.jdbc = jdbc;
		this.hasher = hasher;
		this.clock = clock;
		this.meters = meters;
		this.properties = properties;
	}

	/**
	 * The common case, an unused challenge on the right profile, takes one auto-committed
	 * statement; only a refusal or a retry reads the row to tell why.
	 */
	RedemptionResult redeem(RedemptionRequest request) {
		Judged judged = judge(request);
		RedemptionResult fromStatic = this.statics.accept(request, judged.hash(), false);
		if (fromStatic != null) {
			return fromStatic;
		}
		Optional<Redeemed> redeemed = redeemUnused(judged, request);
		if (redeemed.isPresent()) {
			return accept(redeemed.get().template(), redeemed.get().binding(), request, "event=challenge_redeemed");
		}
		// unknown, other profile, expired, or used: read the row as committed now
		return explain(judged, request, false);
	}

	/**
	 * What {@link #redeem} would answer now, with nothing written: the gateway asks the
	 * ca-adapter's policy before it spends the challenge.
	 */
	RedemptionResult preview(RedemptionRequest request) {
		Judged judged = judge(request);
		RedemptionResult fromStatic = this.statics.accept(request, judged.hash(), true);
		return (fromStatic != null) ? fromStatic : explain(judged, request, true);
	}

	private Judged judge(RedemptionRequest request) {
		require(request.transactionId(), "transactionId");
		require(request.profile(), "profile");
		byte[] hash = this.hasher.hash(require(request.challenge(), "challenge"));
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		Instant arrivedAt = (request.arrivedAt() != null && request.arrivedAt().isBefore(now))
				? request.arrivedAt().truncatedTo(ChronoUnit.MICROS) : now;
		return new Judged(hash, now, arrivedAt, now.minus(this.properties.arrivalGrace()));
	}

	/**
	 * @param preview true to accept an outstanding challenge (nothing is written), false
	 * when the conditional UPDATE just found it unusable
	 */
	private RedemptionResult explain(Judged judged, RedemptionRequest request, boolean preview) {
		Optional<Challenge> candidate = find(judged.hash());
		if (candidate.isEmpty()) {
			return reject(Rejection.UNKNOWN, request, Rejection.UNKNOWN.reason());
		}
		Challenge current = candidate.get();
		if (!current.profile().equals(request.profile())) {
			return reject(Rejection.WRONG_PROFILE, request, Rejection.WRONG_PROFILE.reason(current.profile()));
		}
		if (current.redeemedAt() != null) {
			if (isRetryOf(current, request.transactionId(), request.publicKeySha256())) {
				return accept(current.template(), current.binding(), request,
						preview ? "event=challenge_previewed" : "event=challenge_redemption_repeated");
			}
			return reject(Rejection.ALREADY_USED, request, Rejection.ALREADY_USED.reason());
		}
		if (preview && current.expiresAt().isAfter(judged.arrivedAt())
				&& current.expiresAt().isAfter(judged.graceFloor())) {
			return accept(current.template(), current.binding(), request, "event=challenge_previewed");
		}
		return reject(Rejection.EXPIRED, request, Rejection.EXPIRED.reason());
	}

	/**
	 * Mark a challenge used, in one statement. Under PostgreSQL's READ COMMITTED a second
	 * concurrent UPDATE of the same row waits for the first to commit and then re-checks
	 * {@code transaction_id is null} against the committed row, so exactly one caller
	 * redeems it.
	 * <p>
	 * The guard names {@code transaction_id}, set together with {@code redeemed_at}
	 * (constraint {@code challenge_redeemed_by_transaction}), so that the partial index
	 * {@code challenge_outstanding} ({@code where redeemed_at is null}) cannot be chosen
	 * over {@code challenge_hash_unique}: on statistics older than a burst of minting it
	 * was, and each redemption read every outstanding challenge of its profile.
	 * @return the challenge's template and binding when this call redeemed it
	 */
	private Optional<Redeemed> redeemUnused(Judged judged, RedemptionRequest request) {
		return this.jdbc.sql(REDEEM_UNUSED)
			.param("now", utc(judged.now()))
			.param("transactionId", request.transactionId())
			.param("subject", request.subject(), Types.VARCHAR)
			.param("publicKeySha256", request.publicKeySha256(), Types.VARCHAR)
			.param("challengeHash", judged.hash())
			.param("profile", request.profile())
			.param("arrivedAt", utc(judged.arrivedAt()))
			.param("graceFloor", utc(judged.graceFloor()))
			.query((rs, row) -> new Redeemed(rs.getBytes("challenge_hash"), rs.getString("template"),
					ChallengeRepository.binding(rs.getString("bound_sid"))))
			.optional()
			// the index's equality is not specified to be constant-time
			.filter((redeemed) -> MessageDigest.isEqual(redeemed.challengeHash(), judged.hash()));
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

	private RedemptionResult accept(String template, @Nullable ChallengeBinding binding, RedemptionRequest request,
			String event) {
		log.info("{} profile={} transactionId={} template={} bound={}", event, LogText.token(request.profile()),
				LogText.token(request.transactionId()), template, Bindings.describe(binding));
		if (!"event=challenge_previewed".equals(event)) {
			this.meters.counter("keyward.challenge.redemptions", "outcome", "accepted", "reason", "none").increment();
		}
		return RedemptionResult.accepted(template, binding);
	}

	private RedemptionResult reject(Rejection rejection, RedemptionRequest request, String reason) {
		log.info("event=challenge_rejected reason={} profile={} transactionId={}", rejection.code(),
				LogText.token(request.profile()), LogText.token(request.transactionId()));
		this.meters.counter("keyward.challenge.redemptions", "outcome", "rejected", "reason", rejection.code())
			.increment();
		return RedemptionResult.rejected(reason);
	}

	private static String require(@Nullable String value, String name) {
		if (value == null || value.isBlank()) {
			throw new InvalidRequest("'" + name + "' is required.");
		}
		return value;
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/**
	 * @param hash the presented challenge's keyed hash
	 * @param now the service's clock
	 * @param arrivedAt the device request's arrival, never after now
	 * @param graceFloor a challenge that expired before this is never accepted
	 */
	private record Judged(byte[] hash, Instant now, Instant arrivedAt, Instant graceFloor) {
	}

	private record Redeemed(byte[] challengeHash, String template, @Nullable ChallengeBinding binding) {
	}

}
