package io.keyward.challenge.onetime;

import java.security.MessageDigest;
import java.util.Map;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.keyward.api.challenge.RedemptionRequest;
import io.keyward.api.challenge.RedemptionResult;
import io.keyward.challenge.profile.ChallengeProfiles;
import io.keyward.challenge.profile.ChallengeProperties;
import io.keyward.edge.log.LogText;

import org.springframework.stereotype.Component;

/**
 * The static shared challenge a profile may have for devices that can hold only one
 * (issue 14; step-ca's static SCEP challenge, mysqlscepserver's {@code -challenge}). Kept
 * only as the keyed hash every challenge is kept as ({@link ChallengeHasher}), compared
 * in constant time, never consumed by a redemption: each request is still checked by the
 * CA's policy and the profile's template like any other. Counted apart:
 * {@code keyward.challenge.redemptions{outcome=accepted,reason=static}}.
 */
@Component
class StaticChallenges {

	private static final Logger log = LoggerFactory.getLogger(StaticChallenges.class);

	private final Map<String, byte[]> hashByProfile;

	private final ChallengeProfiles profiles;

	private final MeterRegistry meters;

	StaticChallenges(ChallengeProperties properties, ChallengeHasher hasher, ChallengeProfiles profiles,
			MeterRegistry meters) {
		this.profiles = profiles;
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
	 * @param request the gateway's redemption or its preview
	 * @param hash the keyed hash of the challenge the device presented
	 * @param preview true for a preview (logged, not counted)
	 * @return the acceptance when it is the profile's static challenge, else null
	 */
	@Nullable RedemptionResult accept(RedemptionRequest request, byte[] hash, boolean preview) {
		byte[] expected = this.hashByProfile.get(request.profile());
		if (expected == null || !MessageDigest.isEqual(expected, hash)) {
			return null;
		}
		String template = this.profiles.require(request.profile()).template();
		log.info("event={} profile={} transactionId={} template={}",
				preview ? "static_challenge_previewed" : "static_challenge_accepted", LogText.token(request.profile()),
				LogText.token(request.transactionId()), template);
		if (!preview) {
			this.meters.counter("keyward.challenge.redemptions", "outcome", "accepted", "reason", "static").increment();
		}
		return RedemptionResult.accepted(template);
	}

}
