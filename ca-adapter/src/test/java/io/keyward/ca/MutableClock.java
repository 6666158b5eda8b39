package io.keyward.ca;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A clock tests can set. It follows the system clock until {@link #set} pins it.
 */
public final class MutableClock extends Clock {

	private volatile Instant pinned;

	public void set(Instant instant) {
		this.pinned = instant;
	}

	public void release() {
		this.pinned = null;
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
		return (current != null) ? current : Instant.now().truncatedTo(ChronoUnit.MICROS);
	}

	@TestConfiguration(proxyBeanMethods = false)
	public static class Configuration {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock();
		}

	}

}
