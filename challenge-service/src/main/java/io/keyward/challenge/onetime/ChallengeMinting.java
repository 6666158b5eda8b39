package io.keyward.challenge.onetime;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.keyward.api.challenge.ChallengeBinding;
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
class ChallengeMinting {

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

	ChallengeMinting(ChallengeRepository challenges, ChallengeProfiles profiles, ChallengeHasher hasher,
			JdbcClient jdbc, Clock clock, MeterRegistry meters, ChallengeEvents life) {
		this.life = life;
		this.challenges = challenges;
		this.profiles = profiles;
		this.hasher = hasher;
		this.jdbc = jdbc;
		this.clock = clock;
		this.meters = meters;
	}

	/**
	 * @param profileName the profile the MDM asked for
	 * @param client the MDM API client that asks (its profiles already checked)
	 * @param binding what the MDM binds the challenge to, null for nothing
	 * @return the challenge in clear, the only time it exists outside the caller
	 * @throws io.keyward.challenge.profile.UnknownProfileException for an unknown profile
	 * @throws OutstandingLimitExceededException when the client's or the profile's cap is
	 * reached
	 */
	@Transactional
	MintedChallenge mint(String profileName, ApiClientPrincipal client, @Nullable ChallengeBinding binding) {
		ChallengeProfile profile = this.profiles.require(profileName);
		long apiClientId = client.id();
		Instant now = this.clock.instant();
		// the client's lock before the profile's, always in that order: no deadlock
		if (client.limitsOutstanding()) {
			requireCapacity(client, now);
		}
		if (profile.limitsOutstanding()) {
			requireCapacity(profile, now);
		}
		String challenge = next();
		// whole seconds: the MDM shows this instant, and the row must hold the same one
		Instant expiresAt = now.plus(profile.validity()).truncatedTo(ChronoUnit.SECONDS);
		UUID correlationId = this.challenges
			.insert(Challenge.minted(this.hasher.hash(challenge), profile.name(), profile.template(),
					now.truncatedTo(ChronoUnit.MICROS), expiresAt, apiClientId, Bindings.checked(binding)));
		this.life.minted(correlationId, apiClientId, now);
		try (CorrelationIds.Scope scope = CorrelationIds.inMdc(correlationId.toString())) {
			log.info("event=challenge_minted profile={} template={} apiClientId={} expiresAt={} bound={}",
					profile.name(), profile.template(), apiClientId, expiresAt, Bindings.describe(binding));
		}
		this.meters.counter("keyward.challenge.minted", "profile", profile.name()).increment();
		return new MintedChallenge(challenge, profile.name(), expiresAt, correlationId.toString());
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

	private static String next() {
		byte[] bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		return UPPER_HEX.formatHex(bytes);
	}

}
