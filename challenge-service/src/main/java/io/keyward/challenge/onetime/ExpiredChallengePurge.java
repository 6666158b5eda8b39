package io.keyward.challenge.onetime;

import java.time.Clock;
import java.time.Instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.keyward.challenge.onetime.ChallengeRepository.ForgottenSecrets;
import io.keyward.challenge.profile.ChallengeProperties;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Purges expired challenges in two steps (issue 14). The secret's keyed hash goes as soon
 * as the challenge can no longer be redeemed: at its expiry plus
 * {@code keyward.challenge.arrival-grace}, the longest a request that arrived in time may
 * still redeem it (or repeat its redemption). The record (profile, client, binding,
 * times, which transaction redeemed it or why it was refused) stays for
 * {@code keyward.challenge.retention} after expiry, then the row goes, so the table stays
 * the size of the working set. A challenge that expired unused (never redeemed, revoked
 * or refused) is counted in {@code keyward.challenge.expired} (tag {@code profile}) when
 * its secret goes.
 */
@Component
class ExpiredChallengePurge {

	private static final Logger log = LoggerFactory.getLogger(ExpiredChallengePurge.class);

	private final ChallengeRepository challenges;

	private final ChallengeProperties properties;

	private final Clock clock;

	private final Counter purgedSecrets;

	private final Counter purgedRecords;

	private final MeterRegistry meters;

	ExpiredChallengePurge(ChallengeRepository challenges, ChallengeProperties properties, Clock clock,
			MeterRegistry meters) {
		this.challenges = challenges;
		this.properties = properties;
		this.clock = clock;
		this.meters = meters;
		// registered at start, so that a scrape shows 0 before the first purge
		this.purgedSecrets = purged(meters, "secret", "Challenge secrets (keyed hashes) dropped after expiry");
		this.purgedRecords = purged(meters, "record",
				"Challenge records deleted because they expired longer than keyward.challenge.retention ago");
		properties.profiles()
			.keySet()
			.forEach((profile) -> Counter.builder("keyward.challenge.expired")
				.tag("profile", profile)
				.description("Challenges that expired unused (never redeemed, revoked or refused)")
				.register(meters));
	}

	@Scheduled(initialDelayString = "PT1M", fixedDelayString = "${keyward.challenge.purge-interval:PT1H}")
	@Transactional
	void purge() {
		Instant now = this.clock.instant();
		int forgotten = 0;
		for (ForgottenSecrets secrets : this.challenges
			.forgetSecretsExpiredBefore(now.minus(this.properties.arrivalGrace()))) {
			forgotten += secrets.secrets();
			// counted once, when the challenge can no longer be redeemed
			this.meters.counter("keyward.challenge.expired", "profile", secrets.profile()).increment(secrets.expired());
		}
		int deleted = this.challenges.deleteExpiredBefore(now.minus(this.properties.retention()));
		this.purgedSecrets.increment(forgotten);
		this.purgedRecords.increment(deleted);
		if (forgotten > 0 || deleted > 0) {
			log.info("event=challenges_purged secrets={} records={} arrivalGrace={} retention={}", forgotten, deleted,
					this.properties.arrivalGrace(), this.properties.retention());
		}
	}

	private static Counter purged(MeterRegistry meters, String what, String description) {
		return Counter.builder("keyward.challenge.purged").tag("what", what).description(description).register(meters);
	}

}
