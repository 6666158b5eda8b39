package io.keyward.loadgen;

import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LatencySummaryTests {

	@Test
	void whenOneToHundredMillisecondsThenNearestRankPercentiles() {
		long[] nanos = LongStream.rangeClosed(1, 100).map((ms) -> ms * 1_000_000).toArray();
		// shuffled order must not matter
		long[] reversed = LongStream.range(0, 100).map((i) -> nanos[99 - (int) i]).toArray();
		LatencySummary summary = LatencySummary.of(reversed);
		assertThat(summary.count()).isEqualTo(100);
		assertThat(summary.p50()).isEqualTo(50.0);
		assertThat(summary.p90()).isEqualTo(90.0);
		assertThat(summary.p99()).isEqualTo(99.0);
		assertThat(summary.max()).isEqualTo(100.0);
		assertThat(summary.mean()).isEqualTo(50.5);
	}

	@Test
	void whenFewSamplesThenPercentilesAreActualSamples() {
		long[] sorted = { 10, 20, 30 };
		assertThat(LatencySummary.percentile(sorted, 50)).isEqualTo(20);
		assertThat(LatencySummary.percentile(sorted, 90)).isEqualTo(30);
		assertThat(LatencySummary.percentile(sorted, 99)).isEqualTo(30);
		assertThat(LatencySummary.percentile(sorted, 1)).isEqualTo(10);
		assertThat(LatencySummary.percentile(new long[] { 7 }, 99)).isEqualTo(7);
	}

	@Test
	void whenNoSamplesThenZeros() {
		assertThat(LatencySummary.of(new long[0])).isEqualTo(new LatencySummary(0, 0, 0, 0, 0, 0));
	}

	@Test
	void whenSamplesAreLoggedConcurrentlyThenNoneIsLost() throws InterruptedException {
		LatencyLog log = new LatencyLog();
		Thread[] threads = new Thread[4];
		for (int t = 0; t < threads.length; t++) {
			threads[t] = Thread.ofPlatform().start(() -> {
				for (int i = 0; i < 5000; i++) {
					log.add(i);
				}
			});
		}
		for (Thread thread : threads) {
			thread.join();
		}
		assertThat(log.snapshot()).hasSize(20_000);
	}

}
