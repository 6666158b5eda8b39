package io.keyward.challenge.onetime;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.keyward.api.challenge.ChallengeBinding;
import io.keyward.api.challenge.MintChallengeRequest;
import io.keyward.api.challenge.MintedChallenge;
import io.keyward.challenge.apiclient.ApiClientPrincipal;
import io.keyward.challenge.life.ChallengeEvents;
import io.keyward.challenge.profile.ChallengeProfile;
import io.keyward.edge.log.CorrelationIds;
import io.keyward.challenge.profile.ChallengeProfiles;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Mints one-time challenge passwords: 128 bits from {@link SecureRandom}, written as 32
 * upper-case hex characters, because Windows puts the challengePassword in a
 * PrintableString and NDES-scraping MDMs expect {@code [A-Z0-9]} (RFC 8894 section 2.3;
 * fleetdm/fleet#49552).
 */
@Service
public class ChallengeMinting {

	/** Random bytes of a JSON API challenge: 32 hex characters, 128 bits. */
	public static final int API_PASSWORD_BYTES = 16;

	private static final Logger log = LoggerFactory.getLogger(ChallengeMinting.class);

	/** First key of the two-key advisory lock that serialises mints per profile. */
	private static final int MINT_LOCK_CLASS = 0x6b770001;

	/** First key of the two-key advisory lock that serialises mints per API client. */
	private static final int CLIENT_LOCK_CLASS = 0x6b770002;

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();

	private final ChallengeRepository challenges;

	private final ChallengeProfiles profiles;

	private final ChallengeHasher hasher;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final MeterRegistry meters;

	private final ChallengeEvents life;

	private final StaticChallenges reusable;

	ChallengeMinting(ChallengeRepository challenges, ChallengeProfiles profiles, ChallengeHasher hasher,
			JdbcClient jdbc, Clock clock, MeterRegistry meters, ChallengeEvents life, StaticChallenges reusable) {
		this.life = life;
		this.reusable = reusable;
		this.challenges = challenges;
		this.profiles = profiles;
		this.hasher = hasher;
		this.jdbc = jdbc;
		this.clock = clock;
		this.meters = meters;
	}

	/**
	 * Mint for a surface with its own default length (the NDES page: 8 bytes, 16 hex
	 * characters, as NDES).
	 * @param defaultPasswordBytes random bytes when the profile sets no
	 * {@code password-length}
	 * @see #mint(ApiClientPrincipal, MintChallengeRequest)
	 */
	@Transactional
	public MintedChallenge mint(String profileName, ApiClientPrincipal client, int defaultPasswordBytes) {
		return mint(client, new MintChallengeRequest(profileName, null), defaultPasswordBytes);
	}

	/**
	 * @param client the MDM API client that asks (its profiles already checked)
	 * @param order the profile, binding, lifetime and external id it asks for
	 * @return the challenge in clear, the only time it exists outside the caller
	 * @throws InvalidBindingException naming the field that is malformed
	 * @throws io.keyward.challenge.profile.UnknownProfileException for an unknown profile
	 * @throws OutstandingLimitExceededException when the client's or the profile's cap is
	 * reached
	 */
	@Transactional
	public MintedChallenge mint(ApiClientPrincipal client, MintChallengeRequest order) {
		return mint(client, order, API_PASSWORD_BYTES);
	}

	private MintedChallenge mint(ApiClientPrincipal client, MintChallengeRequest order, int defaultPasswordBytes) {
		ChallengeProfile profile = this.profiles.require(order.profileOrDefault());
		if (profile.singlePassword()) {
			return singlePassword(profile, order);
		}
		ChallengeBinding binding = Bindings.checked(order.binding());
		Duration lifetime = lifetime(order.lifetime(), profile);
		String externalId = Bindings.text(order.externalId(),
				"externalId must be 1 to 200 characters without control characters");
		long apiClientId = client.id();
		Instant now = this.clock.instant();
		// the client's lock before the profile's, always in that order: no deadlock
		if (client.limitsOutstanding()) {
			requireCapacity(client, now);
		}
		if (profile.limitsOutstanding()) {
			requireCapacity(profile, now);
		}
		String challenge = next(profile.passwordBytes(defaultPasswordBytes));
		// whole seconds: the MDM shows this instant, and the row must hold the same one
		Instant expiresAt = now.plus(lifetime).truncatedTo(ChronoUnit.SECONDS);
		// a bound template overrides the profile's; the ca-adapter's policy check refuses
		// one it does not know before the challenge is spent
		String template = (binding != null && binding.template() != null) ? binding.template() : profile.template();
		Challenge minted = Challenge.minted(this.hasher.hash(challenge), profile.name(), template,
				now.truncatedTo(ChronoUnit.MICROS), expiresAt, apiClientId, binding, externalId);
		UUID correlationId = this.challenges.insert(minted);
		this.life.minted(correlationId, apiClientId, now);
		try (CorrelationIds.Scope scope = CorrelationIds.inMdc(correlationId.toString())) {
			log.info("event=challenge_minted profile={} template={} apiClientId={} expiresAt={} bound={} id={}",
					profile.name(), template, apiClientId, expiresAt, Bindings.describe(binding), minted.publicId());
		}
		this.meters.counter("keyward.challenge.minted", "profile", profile.name()).increment();
		return new MintedChallenge(challenge, profile.name(), expiresAt, minted.publicId(), correlationId.toString());
	}

	/**
	 * NDES's {@code UseSinglePassword}: the window's one password, with no caps (there is
	 * one password) and nothing per device to bind it to.
	 */
	private MintedChallenge singlePassword(ChallengeProfile profile, MintChallengeRequest order) {
		if (order.binding() != null || (order.lifetime() != null && !order.lifetime().isBlank())) {
			throw new InvalidBindingException("profile '" + profile.name()
					+ "' uses a single reusable password (use-single-password): it takes no binding and no lifetime");
		}
		return this.reusable.singlePassword(profile);
	}

	/**
	 * The profile's validity, or the lifetime the MDM asked for within the profile's
	 * {@code max-validity}.
	 */
	private static Duration lifetime(@Nullable String requested, ChallengeProfile profile) {
		if (requested == null || requested.isBlank()) {
			return profile.validity();
		}
		Duration lifetime;
		try {
			lifetime = Duration.parse(requested.strip());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidBindingException("lifetime must be an ISO-8601 duration such as PT4H or P3D");
		}
		if (lifetime.compareTo(Duration.ofMinutes(1)) < 0 || lifetime.compareTo(profile.maxValidity()) > 0) {
			throw new InvalidBindingException("lifetime must be between PT1M and the profile's max-validity "
					+ profile.maxValidity() + " (profile '" + profile.name() + "')");
		}
		return lifetime;
	}

	/**
	 * Count under a transaction-scoped advisory lock on the profile, so that concurrent
	 * mints cannot together overshoot the cap.
	 */
	private void requireCapacity(ChallengeProfile profile, Instant now) {
		this.jdbc.sql("select pg_advisory_xact_lock(?, hashtext(?))")
			.param(MINT_LOCK_CLASS)
			.param(profile.name())
			.query()
			.listOfRows();
		if (this.challenges.countOutstanding(profile.name(), now) >= profile.maxOutstanding()) {
			log.warn("event=challenge_cache_full profile={} maxOutstanding={}", profile.name(),
					profile.maxOutstanding());
			this.meters.counter("keyward.challenge.cache.full", "profile", profile.name()).increment();
			throw new OutstandingLimitExceededException(profile.name(), profile.maxOutstanding());
		}
	}

	/**
	 * A client's own cap across its profiles (issue 14), so that one MDM cannot fill a
	 * profile's cap and lock the others out; counted under a lock on the client.
	 */
	private void requireCapacity(ApiClientPrincipal client, Instant now) {
		this.jdbc.sql("select pg_advisory_xact_lock(?, ?)")
			.param(CLIENT_LOCK_CLASS)
			.param((int) client.id())
			.query()
			.listOfRows();
		if (this.challenges.countOutstandingOf(client.id(), now) >= client.maxOutstanding()) {
			log.warn("event=challenge_cache_full client={} maxOutstanding={}", client.name(), client.maxOutstanding());
			this.meters.counter("keyward.challenge.client.cache.full", "client", client.name()).increment();
			throw OutstandingLimitExceededException.ofClient(client.name(), client.maxOutstanding());
		}
	}

	private static String next(int length) {
		byte[] bytes = new byte[length];
		RANDOM.nextBytes(bytes);
		return UPPER_HEX.formatHex(bytes);
	}

}
