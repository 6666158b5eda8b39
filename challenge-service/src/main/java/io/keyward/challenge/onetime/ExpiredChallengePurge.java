package io.keyward.challenge.onetime;

import java.time.Clock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.keyward.challenge.profile.ChallengeProperties;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deletes challenges that expired longer than {@code keyward.challenge.retention} ago,
 * redeemed or not, so the table stays the size of the working set. Redeemed rows are kept
 * that long as an audit trail of which transaction used which challenge. Counted in
 * {@code keyward.challenge.purged}, as the gateway counts its purged transactions.
 */
@Component
class ExpiredChallengePurge {

	private static final Logger log = LoggerFactory.getLogger(ExpiredChallengePurge.class);

	private final ChallengeRepository challenges;

	private final ChallengeProperties properties;

	private final Clock clock;

	private final Counter purged;

	ExpiredChallengePurge(ChallengeRepository challenges, ChallengeProperties properties, Clock clock,
			MeterRegistry meters) {
		this.challenges = challenges;
		this.properties = properties;
		this.clock = clock;
		// registered at start, so that a scrape shows 0 before the first purge
		this.purged = Counter.builder("keyward.challenge.purged")
			.description("Challenges deleted because they expired longer than keyward.challenge.retention ago")
			.register(meters);
	}

	@Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
	@Transactional
	void purge() {
		int deleted = this.challenges.deleteExpiredBefore(this.clock.instant().minus(this.properties.retention()));
		this.purged.increment(deleted);
		if (deleted > 0) {
			log.info("event=challenges_purged count={} retention={}", deleted, this.properties.retention());
		}
	}

}
