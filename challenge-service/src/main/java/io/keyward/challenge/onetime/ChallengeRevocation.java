package io.keyward.challenge.onetime;

import java.time.Clock;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Revokes an outstanding challenge of one client, for the client itself (MDM API) and for
 * an admin (admin-ui): idempotent, refused once a device redeemed it. Logged as
 * {@code event=challenge_revoked} with who asked, counted in
 * {@code keyward.challenge.revoked}.
 */
@Component
class ChallengeRevocation {

	private static final Logger log = LoggerFactory.getLogger(ChallengeRevocation.class);

	private final ChallengeRepository challenges;

	private final Clock clock;

	private final MeterRegistry meters;

	ChallengeRevocation(ChallengeRepository challenges, Clock clock, MeterRegistry meters) {
		this.challenges = challenges;
		this.clock = clock;
		this.meters = meters;
	}

	/**
	 * @param by {@code client} or {@code admin-ui}
	 * @throws ChallengeNotFoundException when the client minted no challenge with that id
	 * @throws ChallengeAlreadyRedeemedException when a device redeemed it
	 */
	void revoke(UUID publicId, long apiClientId, String clientName, String by) {
		if (this.challenges.revoke(publicId, apiClientId, this.clock.instant())) {
			log.info("event=challenge_revoked id={} apiClientId={} client={} by={}", publicId, apiClientId, clientName,
					by);
			this.meters.counter("keyward.challenge.revoked").increment();
			return;
		}
		Challenge current = this.challenges.findByPublicId(publicId, apiClientId)
			.orElseThrow(ChallengeNotFoundException::new);
		if (current.transactionId() != null) {
			throw new ChallengeAlreadyRedeemedException(current.transactionId());
		}
	}

}
