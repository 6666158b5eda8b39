package io.keyward.challenge.onetime;

import java.security.MessageDigest;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.keyward.api.challenge.ChallengeBinding;
import io.keyward.api.challenge.RedemptionRequest;
import io.keyward.api.challenge.RedemptionResult;
import io.keyward.api.challenge.ReleaseRequest;
import io.keyward.challenge.life.ChallengeEvents;
import io.keyward.challenge.profile.ChallengeProperties;
import io.keyward.edge.log.CorrelationIds;
import io.keyward.edge.problem.InvalidRequest;
import io.keyward.edge.log.LogText;

import org.springframework.stereotype.Service;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.keyward.challenge.onetime.ChallengeRows.utc;

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
			with redeemed as (
			    update challenge.challenge
			    set redeemed_at = :now, transaction_id = :transactionId, subject = :subject,
			        public_key_sha256 = :publicKeySha256
			    where challenge_hash = :challengeHash and profile = :profile
			        and transaction_id is null and expires_at > :arrivedAt and expires_at > :graceFloor
			        and revoked_at is null and refused_at is null and (not bound_to_csr or :csrChecked)
			    returning *
			), life as (
			    insert into challenge.challenge_event (correlation_id, type, occurred_at, transaction_id)
			    select correlation_id, 'REDEEMED', redeemed_at, transaction_id from redeemed
			    where correlation_id is not null
			)
			select * from redeemed
			""";

	/** The statement of {@link #release}: the redemption undone, RELEASED in its life. */
	static final String RELEASE = """
			with released as (
			    update challenge.challenge
			    set redeemed_at = null, transaction_id = null, subject = null, public_key_sha256 = null
			    where challenge_hash = :challengeHash and profile = :profile and transaction_id = :transactionId
			        and lower(public_key_sha256) = lower(:publicKeySha256) and certificate_serial is null
			    returning correlation_id
			), life as (
			    insert into challenge.challenge_event (correlation_id, type, occurred_at, transaction_id, reason)
			    select correlation_id, 'RELEASED', :now, :transactionId, :reason from released
			    where correlation_id is not null
			)
			select count(*) from released
			""";

	private final ChallengeRepository challenges;

	private final JdbcClient jdbc;

	private final ChallengeHasher hasher;

	private final Clock clock;

	private final MeterRegistry meters;

	private final ChallengeProperties properties;

	private final ChallengeEvents life;

	private final StaticChallenges statics;

	ChallengeRedemption(ChallengeRepository challenges, JdbcClient jdbc, ChallengeHasher hasher, Clock clock,
			MeterRegistry meters, ChallengeProperties properties, ChallengeEvents life, StaticChallenges statics) {
		this.statics = statics;
		this.challenges = challenges;
		this.jdbc = jdbc;
		this.hasher = hasher;
		this.clock = clock;
		this.meters = meters;
		this.properties = properties;
		this.life = life;
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
		Optional<Challenge> redeemed = redeemUnused(judged, request, false);
		if (redeemed.isPresent()) {
			return won(redeemed.get(), request);
		}
		// unknown, other profile, expired, used, or bound: read the row as committed now
		return explain(judged, request, Mode.REDEEM);
	}

	/**
	 * What {@link #redeem} would answer now, with nothing written but a refusal: the
	 * gateway asks the ca-adapter's policy before it spends the challenge, and answers a
	 * refused preview without redeeming, so a CSR that misses the binding burns the
	 * challenge here.
	 */
	RedemptionResult preview(RedemptionRequest request) {
		Judged judged = judge(request);
		RedemptionResult fromStatic = this.statics.accept(request, judged.hash(), true);
		return (fromStatic != null) ? fromStatic : explain(judged, request, Mode.PREVIEW);
	}

	/**
	 * Give back a challenge that this transaction, with this public key, redeemed and
	 * that no certificate was issued for: the ca-adapter refused the CSR after the
	 * redemption (the gateway redeems first and issues next). In one statement with its
	 * RELEASED step in the challenge's life; the challenge keeps its expiry and binding.
	 * Anything else (a static challenge, another transaction's, a second release) is left
	 * as it is.
	 * @return whether it was given back
	 */
	boolean release(ReleaseRequest request) {
		require(request.transactionId(), "transactionId");
		require(request.profile(), "profile");
		require(request.publicKeySha256(), "publicKeySha256");
		byte[] hash = this.hasher.hash(require(request.challenge(), "challenge"));
		String reason = (request.reason() != null && !request.reason().isBlank()) ? request.reason()
				: "refused by the certificate template";
		long released = this.jdbc.sql(RELEASE)
			.param("challengeHash", hash)
			.param("profile", request.profile())
			.param("transactionId", request.transactionId())
			.param("publicKeySha256", request.publicKeySha256())
			.param("now", utc(this.clock.instant().truncatedTo(ChronoUnit.MICROS)))
			.param("reason", reason)
			.query(Long.class)
			.single();
		if (released == 0) {
			return false;
		}
		log.info("event=challenge_released profile={} transactionId={} reason=\"{}\"", LogText.token(request.profile()),
				LogText.token(request.transactionId()), LogText.printable(reason));
		this.meters.counter("keyward.challenge.redemptions", "outcome", "released", "reason", "ca_refused").increment();
		return true;
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

	private RedemptionResult explain(Judged judged, RedemptionRequest request, Mode mode) {
		Optional<Challenge> candidate = find(judged.hash());
		if (candidate.isEmpty()) {
			return reject(Rejection.UNKNOWN, request, Rejection.UNKNOWN.reason());
		}
		Challenge current = candidate.get();
		if (!current.profile().equals(request.profile())) {
			return refuse(current, judged, Rejection.WRONG_PROFILE, request,
					Rejection.WRONG_PROFILE.reason(current.profile()));
		}
		if (current.redeemedAt() != null) {
			if (isRetryOf(current, request.transactionId(), request.publicKeySha256())) {
				return accept(current, request,
						(mode == Mode.PREVIEW) ? "event=challenge_previewed" : "event=challenge_redemption_repeated");
			}
			return refuse(current, judged, Rejection.ALREADY_USED, request, Rejection.ALREADY_USED.reason());
		}
		if (current.revokedAt() != null) {
			return refuse(current, judged, Rejection.REVOKED, request, Rejection.REVOKED.reason());
		}
		if (current.refusedAt() != null) {
			return refuse(current, judged, Rejection.REFUSED, request, Rejection.REFUSED.reason());
		}
		if (!current.expiresAt().isAfter(judged.arrivedAt()) || !current.expiresAt().isAfter(judged.graceFloor())) {
			return refuse(current, judged, Rejection.EXPIRED, request, Rejection.EXPIRED.reason());
		}
		Optional<String> mismatch = BindingMatch.mismatch(current.binding(), request);
		if (mismatch.isPresent()) {
			return burn(current, judged, request, mismatch.get(), mode);
		}
		if (mode == Mode.PREVIEW) {
			return accept(current, request, "event=challenge_previewed");
		}
		if (mode == Mode.REDEEM) {
			Optional<Challenge> redeemed = redeemUnused(judged, request, true);
			if (redeemed.isPresent()) {
				return won(redeemed.get(), request);
			}
			// another caller changed it between the read and the UPDATE: tell why
			return explain(judged, request, Mode.AFTER_RACE);
		}
		return refuse(current, judged, Rejection.ALREADY_USED, request, Rejection.ALREADY_USED.reason());
	}

	/**
	 * A CSR that misses the binding burns the challenge at once (docs/decisions.md): a
	 * second try would let the holder of a leaked challenge probe the binding.
	 */
	private RedemptionResult burn(Challenge current, Judged judged, RedemptionRequest request, String mismatch,
			Mode mode) {
		if (this.challenges.refuse(judged.hash(), mismatch, judged.now())) {
			log.info("event=challenge_burned reason=binding_mismatch profile={} transactionId={} detail=\"{}\"",
					LogText.token(request.profile()), LogText.token(request.transactionId()),
					LogText.printable(mismatch));
			return refuse(current, judged, Rejection.BINDING_MISMATCH, request,
					Rejection.BINDING_MISMATCH.reason(mismatch));
		}
		// redeemed or burned by another caller meanwhile
		return (mode == Mode.AFTER_RACE) ? reject(Rejection.REFUSED, request, Rejection.REFUSED.reason())
				: explain(judged, request, Mode.AFTER_RACE);
	}

	/**
	 * Mark a challenge used and record REDEEMED in its life, in one statement (so a crash
	 * cannot leave one without the other). Under PostgreSQL's READ COMMITTED a second
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
	private Optional<Challenge> redeemUnused(Judged judged, RedemptionRequest request, boolean csrChecked) {
		return this.jdbc.sql(REDEEM_UNUSED)
			.param("now", utc(judged.now()))
			.param("transactionId", request.transactionId())
			.param("subject", request.subject(), Types.VARCHAR)
			.param("publicKeySha256", request.publicKeySha256(), Types.VARCHAR)
			.param("challengeHash", judged.hash())
			.param("profile", request.profile())
			.param("arrivedAt", utc(judged.arrivedAt()))
			.param("graceFloor", utc(judged.graceFloor()))
			.param("csrChecked", csrChecked)
			.query(ChallengeRows::challenge)
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

	/**
	 * This call redeemed the challenge; its statement recorded by which transaction in
	 * the challenge's life (issue 14).
	 */
	private RedemptionResult won(Challenge challenge, RedemptionRequest request) {
		return accept(challenge, request, "event=challenge_redeemed");
	}

	/**
	 * A refused attempt on a known challenge goes into its life, with why (issue 14).
	 */
	private RedemptionResult refuse(Challenge challenge, Judged judged, Rejection rejection, RedemptionRequest request,
			String reason) {
		this.life.refused(challenge.correlationId(), request.transactionId(), reason, judged.now());
		try (CorrelationIds.Scope scope = CorrelationIds.inMdc(String.valueOf(challenge.correlationId()))) {
			return reject(rejection, request, reason);
		}
	}

	private RedemptionResult accept(Challenge challenge, RedemptionRequest request, String event) {
		String template = challenge.template();
		ChallengeBinding binding = challenge.binding();
		UUID correlationId = challenge.correlationId();
		String id = (correlationId != null) ? correlationId.toString() : null;
		try (CorrelationIds.Scope scope = CorrelationIds.inMdc(id)) {
			log.info("{} profile={} transactionId={} template={} bound={} id={}", event,
					LogText.token(request.profile()), LogText.token(request.transactionId()), template,
					Bindings.describe(binding), challenge.publicId());
		}
		if (!"event=challenge_previewed".equals(event)) {
			this.meters.counter("keyward.challenge.redemptions", "outcome", "accepted", "reason", "none").increment();
		}
		return RedemptionResult.accepted(template, binding).withCorrelationId(id);
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

	/**
	 * @param hash the presented challenge's keyed hash
	 * @param now the service's clock
	 * @param arrivedAt the device request's arrival, never after now
	 * @param graceFloor a challenge that expired before this is never accepted
	 */
	private record Judged(byte[] hash, Instant now, Instant arrivedAt, Instant graceFloor) {
	}

	/**
	 * Why the row is read: a preview writes nothing but a refusal, a redemption redeems a
	 * bound challenge whose CSR matched, and a second look after a lost race only tells
	 * why.
	 */
	private enum Mode {

		PREVIEW, REDEEM, AFTER_RACE

	}

}
