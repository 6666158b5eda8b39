package io.keyward.challenge.onetime;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.keyward.api.challenge.ChallengeBinding;
import io.keyward.api.challenge.MintedChallenge;
import io.keyward.challenge.profile.ChallengeProfile;
import io.keyward.challenge.profile.ChallengeProfiles;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Mints one-time challenge passwords: 128 bits from {@link SecureRandom} (or the
 * profile's NDES {@code PasswordLength} in bytes), written as upper-case hex characters,
 * because Windows puts the challengePassword in a PrintableString and NDES-scraping MDMs
 * expect {@code [A-Z0-9]} (RFC 8894 section 2.3; fleetdm/fleet#49552).
 */
@Service
public class ChallengeMinting {

	private static final Logger log = LoggerFactory.getLogger(ChallengeMinting.class);

	/** First key of the two-key advisory lock that serialises mints per profile. */
	private static final int MINT_LOCK_CLASS = 0x6b770001;

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();

	/** The JSON API's challenge: 16 bytes, 32 hex characters. */
	public static final int API_PASSWORD_BYTES = 16;

	private final ChallengeRepository challenges;

	private final ChallengeProfiles profiles;

	private final ChallengeHasher hasher;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final MeterRegistry meters;

	ChallengeMinting(ChallengeRepository challenges, ChallengeProfiles profiles, ChallengeHasher hasher,
			JdbcClient jdbc, Clock clock, MeterRegistry meters) {
		this.challenges = challenges;
		this.profiles = profiles;
		this.hasher = hasher;
		this.jdbc = jdbc;
		this.clock = clock;
		this.meters = meters;
	}

	/**
	 * @param profileName the profile the MDM asked for
	 * @param apiClientId the MDM API client that asks
	 * @param binding what the MDM binds the challenge to, null for nothing
	 * @return the challenge in clear, the only time it exists outside the caller
	 * @throws io.keyward.challenge.profile.UnknownProfileException for an unknown profile
	 * @throws OutstandingLimitExceededException when the profile's cap is reached
	 */
	@Transactional
	MintedChallenge mint(String profileName, long apiClientId, @Nullable ChallengeBinding binding) {
		return mint(profileName, apiClientId, binding, API_PASSWORD_BYTES);
	}

	/**
	 * Mint for a surface with its own default length (the NDES page: 8 bytes).
	 * @param defaultPasswordBytes random bytes when the profile sets no
	 * {@code password-length}
	 * @see #mint(String, long, ChallengeBinding)
	 */
	@Transactional
	public MintedChallenge mint(String profileName, long apiClientId, @Nullable ChallengeBinding binding,
			int defaultPasswordBytes) {
		ChallengeProfile profile = this.profiles.require(profileName);
		Instant now = this.clock.instant();
		if (profile.limitsOutstanding()) {
			requireCapacity(profile, now);
		}
		String challenge = next(profile.passwordBytes(defaultPasswordBytes));
		// whole seconds: the MDM shows this instant, and the row must hold the same one
		Instant expiresAt = now.plus(profile.validity()).truncatedTo(ChronoUnit.SECONDS);
		this.challenges.insert(Challenge.minted(this.hasher.hash(challenge), profile.name(), profile.template(),
				now.truncatedTo(ChronoUnit.MICROS), expiresAt, apiClientId, Bindings.checked(binding)));
		log.info("event=challenge_minted profile={} template={} apiClientId={} expiresAt={} bound={}", profile.name(),
				profile.template(), apiClientId, expiresAt, Bindings.describe(binding));
		this.meters.counter("keyward.challenge.minted", "profile", profile.name()).increment();
		return new MintedChallenge(challenge, profile.name(), expiresAt);
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

	private static String next(int length) {
		byte[] bytes = new byte[length];
		RANDOM.nextBytes(bytes);
		return UPPER_HEX.formatHex(bytes);
	}

}
