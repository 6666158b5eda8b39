package io.keyward.challenge.onetime;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.keyward.api.challenge.MintedChallenge;
import io.keyward.api.challenge.RedemptionRequest;
import io.keyward.api.challenge.RedemptionResult;
import io.keyward.challenge.profile.ChallengeProfile;
import io.keyward.challenge.profile.ChallengeProfiles;
import io.keyward.challenge.profile.ChallengeProperties;
import io.keyward.edge.log.LogText;

import org.springframework.stereotype.Component;

/**
 * The reusable challenges a profile may have, never consumed by a redemption: each
 * request is still checked by the CA's policy and the profile's template like any other.
 * <ul>
 * <li>The <b>static</b> shared challenge, for devices that can hold only one (issue 14;
 * step-ca's static SCEP challenge, mysqlscepserver's {@code -challenge}), kept only as
 * its keyed hash. Counted as
 * {@code keyward.challenge.redemptions{outcome=accepted,reason=static}}.</li>
 * <li>NDES's <b>single password</b> ({@code UseSinglePassword}): one password per
 * validity window, derived from the challenge HMAC key ({@link ChallengeHasher#derive}),
 * so that replicas agree on it without storing it. The password of window {@code k} is
 * handed out during {@code k} and accepted during {@code k} and {@code k + 1}: it lives
 * between one and two validities after it is handed out. Counted as
 * {@code reason=single_password}.</li>
 * </ul>
 * Both are compared in constant time.
 */
@Component
class StaticChallenges {

	/** NDES's {@code PasswordLength} default: 8 bytes, 16 hex characters. */
	static final int SINGLE_PASSWORD_BYTES = 8;

	private static final Logger log = LoggerFactory.getLogger(StaticChallenges.class);

	private final Map<String, byte[]> hashByProfile;

	private final ChallengeProfiles profiles;

	private final ChallengeHasher hasher;

	private final Clock clock;

	private final MeterRegistry meters;

	StaticChallenges(ChallengeProperties properties, ChallengeHasher hasher, ChallengeProfiles profiles, Clock clock,
			MeterRegistry meters) {
		this.profiles = profiles;
		this.hasher = hasher;
		this.clock = clock;
		this.meters = meters;
		this.hashByProfile = properties.profiles()
			.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().staticChallenge() != null
					&& !entry.getValue().staticChallenge().isBlank())
			.collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
					(entry) -> hasher.hash(entry.getValue().staticChallenge())));
	}

	/**
	 * The single password of the current window, what every mint on the profile answers
	 * in it. It has no row, so no id and no life of its own; it cannot be bound.
	 * @param profile a profile with {@code use-single-password}
	 */
	MintedChallenge singlePassword(ChallengeProfile profile) {
		long window = window(profile, this.clock.instant());
		String password = password(profile, window);
		Instant expiresAt = Instant.ofEpochSecond((window + 2) * profile.validity().toSeconds());
		log.info("event=single_password_given profile={} expiresAt={}", profile.name(), expiresAt);
		this.meters.counter("keyward.challenge.minted", "profile", profile.name()).increment();
		return new MintedChallenge(password, profile.name(), expiresAt);
	}

	/**
	 * @param request the gateway's redemption or its preview
	 * @param hash the keyed hash of the challenge the device presented
	 * @param preview true for a preview (logged, not counted)
	 * @return the acceptance when it is the profile's static challenge or its current
	 * single password, else null
	 */
	@Nullable RedemptionResult accept(RedemptionRequest request, byte[] hash, boolean preview) {
		byte[] expected = this.hashByProfile.get(request.profile());
		if (expected != null && MessageDigest.isEqual(expected, hash)) {
			return accepted(request, preview, "static");
		}
		ChallengeProfile profile = this.profiles.all()
			.stream()
			.filter((candidate) -> candidate.singlePassword() && candidate.name().equals(request.profile()))
			.findFirst()
			.orElse(null);
		if (profile == null) {
			return null;
		}
		long window = window(profile, this.clock.instant());
		boolean current = MessageDigest.isEqual(this.hasher.hash(password(profile, window)), hash);
		boolean previous = MessageDigest.isEqual(this.hasher.hash(password(profile, window - 1)), hash);
		return (current | previous) ? accepted(request, preview, "single_password") : null;
	}

	private RedemptionResult accepted(RedemptionRequest request, boolean preview, String kind) {
		String template = this.profiles.require(request.profile()).template();
		log.info("event={}_challenge_{} profile={} transactionId={} template={}", kind,
				preview ? "previewed" : "accepted", LogText.token(request.profile()),
				LogText.token(request.transactionId()), template);
		if (!preview) {
			this.meters.counter("keyward.challenge.redemptions", "outcome", "accepted", "reason", kind).increment();
		}
		return RedemptionResult.accepted(template);
	}

	private String password(ChallengeProfile profile, long window) {
		return this.hasher.derive(profile.name() + "\0" + window, profile.passwordBytes(SINGLE_PASSWORD_BYTES));
	}

	private static long window(ChallengeProfile profile, Instant at) {
		return Math.floorDiv(at.getEpochSecond(), profile.validity().toSeconds());
	}

}
