package io.keyward.challenge.onetime;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.keyward.challenge.profile.ChallengeProperties;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deletes challenges that expired longer than {@code keyward.challenge.retention} ago,
 * redeemed or not, so the table stays the size of the working set. Redeemed rows are kept
 * that long as an audit trail of which transaction used which challenge.
 */
@Component
class ExpiredChallengePurge {

	private static final Logger log = LoggerFactory.getLogger(ExpiredChallengePurge.class);

	private final ChallengeRepository challenges;

	private final ChallengeProperties properties;

	private final Clock clock;

	ExpiredChallengePurge(ChallengeRepository challenges, ChallengeProperties properties, Clock clock) {
		this.challenges = challenges;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
	@Transactional
	void purge() {
		int deleted = this.challenges.deleteExpiredBefore(this.clock.instant().minus(this.properties.retention()));
		if (deleted > 0) {
			log.info("event=challenges_purged count={} retention={}", deleted, this.properties.retention());
		}
	}

}
