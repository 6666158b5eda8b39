package io.keyward.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A UTC clock tests move: it follows the system clock plus an offset ({@link #advance}),
 * or stands still at a pinned instant ({@link #set}). Expiry (challenges, certificates)
 * is tested by moving it instead of sleeping.
 */
public final class MutableClock extends Clock {

	private volatile Duration offset = Duration.ZERO;

	private volatile Instant pinned;

	/** Move time forward (or back, with a negative duration). */
	public void advance(Duration duration) {
		this.offset = this.offset.plus(duration);
	}

	/** Stop at {@code instant} until {@link #release} or {@link #reset}. */
	public void set(Instant instant) {
		this.pinned = instant;
	}

	/** Follow the system clock (plus any offset) again. */
	public void release() {
		this.pinned = null;
	}

	/** Back to the plain system clock. */
	public void reset() {
		this.pinned = null;
		this.offset = Duration.ZERO;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("the test clock is UTC only");
	}

	@Override
	public Instant instant() {
		Instant current = this.pinned;
		// microseconds: what PostgreSQL's timestamptz keeps, so values read back compare
		// equal
		return (current != null) ? current : Instant.now().plus(this.offset).truncatedTo(ChronoUnit.MICROS);
	}

	/**
	 * {@code @Import(MutableClock.Configuration.class)}: the application's clock becomes
	 * a {@link MutableClock}.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Configuration {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock();
		}

	}

}
