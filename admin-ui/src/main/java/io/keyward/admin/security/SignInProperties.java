package io.keyward.admin.security;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the dashboard's sign-in form slows down password guessing
 * ({@code keyward.admin.sign-in.*}).
 *
 * @param accountFailures failed sign-ins for one username before it is locked
 * @param addressFailures failed sign-ins from one client address (an IPv6 /64) before it
 * is locked, whatever usernames were tried
 * @param lockDuration the first lock; each failure after a lock doubles it
 * @param maxLockDuration the longest lock; failures older than this are forgotten
 */
@Validated
@ConfigurationProperties("keyward.admin.sign-in")
public record SignInProperties(@Min(1) @DefaultValue("5") int accountFailures,
		@Min(1) @DefaultValue("20") int addressFailures, @NotNull @DefaultValue("1m") Duration lockDuration,
		@NotNull @DefaultValue("1h") Duration maxLockDuration) {

	/**
	 * @param failures failures so far, at least the limit
	 * @param limit the limit of the subject
	 * @return the lock after the latest failure
	 */
	Duration lockAfter(int failures, int limit) {
		int doublings = Math.min(failures - limit, 30);
		Duration lock = this.lockDuration.multipliedBy(1L << doublings);
		return (lock.compareTo(this.maxLockDuration) > 0) ? this.maxLockDuration : lock;
	}

}
