package io.keyward.gateway.transaction;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryBackoffTests {

	@Test
	void whenAttemptsGrowThenWaitDoublesUpToTenMinutes() {
		RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(10));
		assertThat(backoff.after(1)).isEqualTo(Duration.ofSeconds(10));
		assertThat(backoff.after(2)).isEqualTo(Duration.ofSeconds(20));
		assertThat(backoff.after(4)).isEqualTo(Duration.ofSeconds(80));
		assertThat(backoff.after(7)).isEqualTo(Duration.ofSeconds(600));
		assertThat(backoff.after(500)).isEqualTo(Duration.ofMinutes(10));
	}

	@Test
	void whenIntervalLongerThanTenMinutesThenWaitStaysAtTheInterval() {
		RetryBackoff backoff = new RetryBackoff(Duration.ofHours(1));
		assertThat(backoff.after(1)).isEqualTo(Duration.ofHours(1));
		assertThat(backoff.after(3)).isEqualTo(Duration.ofHours(1));
	}

}
