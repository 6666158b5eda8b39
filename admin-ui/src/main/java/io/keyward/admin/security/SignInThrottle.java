package io.keyward.admin.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts failed sign-ins per typed username and per client address in the database, so
 * the count holds across restarts and across admin-ui instances. A subject that reaches
 * its limit is locked for {@link SignInProperties#lockDuration()}, doubled by each
 * failure after that up to {@link SignInProperties#maxLockDuration()}. Attempts during a
 * lock are refused before the password is checked and are not counted, so someone
 * guessing cannot keep a real admin out longer than the lock their own guesses earned.
 * Usernames that do not exist are counted like those that do: a lock says nothing about
 * whether the account exists.
 */
@Component
class SignInThrottle {

	private static final int MAX_SUBJECT_LENGTH = 200;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final SignInProperties properties;

	SignInThrottle(JdbcClient jdbc, Clock clock, SignInProperties properties) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.properties = properties;
	}

	/**
	 * @return how long the account or the address (the longer) stays locked; empty when
	 * neither is
	 */
	Optional<Duration> lockedFor(String account, String address) {
		Instant now = this.clock.instant();
		return this.jdbc
			.sql("select max(locked_until) from admin.sign_in_throttle where subject in (:account, :address) "
					+ "and locked_until > :now")
			.param("account", accountSubject(account))
			.param("address", addressSubject(address))
			.param("now", Timestamp.from(now))
			.query((rs, row) -> Optional.ofNullable(rs.getTimestamp(1)))
			.single()
			.map((until) -> Duration.between(now, until.toInstant()));
	}

	/**
	 * Count one failure against the account and the address.
	 * @return the lock this failure started (the longer of the two); empty when neither
	 * reached its limit
	 */
	@Transactional
	Optional<Duration> failed(String account, String address) {
		Instant now = this.clock.instant();
		Optional<Duration> byAccount = count(accountSubject(account), this.properties.accountFailures(), now);
		Optional<Duration> byAddress = count(addressSubject(address), this.properties.addressFailures(), now);
		this.jdbc.sql("delete from admin.sign_in_throttle where last_failure_at < :forgotten")
			.param("forgotten", Timestamp.from(now.minus(this.properties.maxLockDuration())))
			.update();
		if (byAccount.isEmpty()) {
			return byAddress;
		}
		return (byAddress.isPresent() && byAddress.get().compareTo(byAccount.get()) > 0) ? byAddress : byAccount;
	}

	/**
	 * The right password (outside a lock) forgives the account's failures; the address's
	 * stay, so one known account does not open the way to guessing others.
	 */
	void succeeded(String account) {
		this.jdbc.sql("delete from admin.sign_in_throttle where subject = :subject")
			.param("subject", accountSubject(account))
			.update();
	}

	private Optional<Duration> count(String subject, int limit, Instant now) {
		int failures = this.jdbc.sql("""
				insert into admin.sign_in_throttle (subject, failures, last_failure_at) values (:subject, 1, :now)
				on conflict (subject) do update set
				    failures = case when sign_in_throttle.last_failure_at < :forgotten then 1
				                    else sign_in_throttle.failures + 1 end,
				    last_failure_at = excluded.last_failure_at,
				    locked_until = null
				returning failures""")
			.param("subject", subject)
			.param("now", Timestamp.from(now))
			.param("forgotten", Timestamp.from(now.minus(this.properties.maxLockDuration())))
			.query(Integer.class)
			.single();
		if (failures < limit) {
			return Optional.empty();
		}
		Duration lock = this.properties.lockAfter(failures, limit);
		this.jdbc.sql("update admin.sign_in_throttle set locked_until = :until where subject = :subject")
			.param("until", Timestamp.from(now.plus(lock)))
			.param("subject", subject)
			.update();
		return Optional.of(lock);
	}

	private static String accountSubject(String account) {
		return truncate("account:" + ((account != null) ? account : ""));
	}

	private static String addressSubject(String address) {
		return truncate("address:" + ClientAddress.throttleKey(address));
	}

	private static String truncate(String subject) {
		return (subject.length() > MAX_SUBJECT_LENGTH) ? subject.substring(0, MAX_SUBJECT_LENGTH) : subject;
	}

}
