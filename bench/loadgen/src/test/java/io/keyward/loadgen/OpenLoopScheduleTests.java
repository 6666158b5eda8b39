package io.keyward.loadgen;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenLoopScheduleTests {

	private static final long START = 1_000_000_000L;

	private static final long MS = 1_000_000L;

	@Test
	void whenRequestsAreScheduledThenEachIsDueOneIntervalAfterTheLast() {
		OpenLoopSchedule schedule = new OpenLoopSchedule(250, START, new SteppedTicker(0));
		assertThat(schedule.intendedStart(0)).isEqualTo(START);
		assertThat(schedule.intendedStart(1)).isEqualTo(START + 4 * MS);
		assertThat(schedule.intendedStart(1000)).isEqualTo(START + 4000 * MS);
	}

	@Test
	void whenTheRateIsNotAWholeNumberThenTheScheduleDoesNotDrift() {
		OpenLoopSchedule schedule = new OpenLoopSchedule(3, START, new SteppedTicker(0));
		// one third of a second each, rounded per request, not summed
		assertThat(schedule.intendedStart(1)).isEqualTo(START + 333_333_333L);
		assertThat(schedule.intendedStart(3_000_000)).isEqualTo(START + 1_000_000L * 1_000_000_000L);
	}

	@Test
	void whenAWorkerIsEarlyThenItWaitsUntilTheIntendedStart() throws InterruptedException {
		SteppedTicker ticker = new SteppedTicker(START);
		OpenLoopSchedule schedule = new OpenLoopSchedule(100, START, ticker);
		assertThat(schedule.awaitTurn(3)).isEqualTo(START + 30 * MS);
		assertThat(ticker.now).isEqualTo(START + 30 * MS);
		assertThat(ticker.waited).isEqualTo(30 * MS);
	}

	@Test
	void whenAWorkerIsLateThenItGoesAtOnceAndTheLatencyCountsFromTheIntendedStart() throws InterruptedException {
		SteppedTicker ticker = new SteppedTicker(START + 100 * MS);
		OpenLoopSchedule schedule = new OpenLoopSchedule(100, START, ticker);
		assertThat(schedule.awaitTurn(2)).isEqualTo(START + 20 * MS);
		assertThat(ticker.waited).isZero();
		assertThat(ticker.now).isEqualTo(START + 100 * MS);
	}

	@Test
	void whenTheServerStallsThenTheRequestsDueDuringTheStallCarryTheWait() throws InterruptedException {
		// one worker, a request due every 10 ms, answers in 2 ms except request 5 (100
		// ms):
		// requests 6 to 14 were due while the server stalled and count from when they
		// were
		// due, where a closed loop would have recorded 2 ms each
		SteppedTicker ticker = new SteppedTicker(START);
		OpenLoopSchedule schedule = new OpenLoopSchedule(100, START, ticker);
		List<Long> latencies = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			long begin = schedule.awaitTurn(i);
			ticker.now += ((i == 5) ? 100 : 2) * MS;
			latencies.add((ticker.now - begin) / MS);
		}
		assertThat(latencies.subList(0, 5)).containsOnly(2L);
		assertThat(latencies.get(5)).isEqualTo(100L);
		// request 6 was due at 60 ms and sent at 150 ms, when request 5 was answered
		assertThat(latencies.get(6)).isEqualTo(92L);
		assertThat(latencies.get(7)).isEqualTo(84L);
		assertThat(latencies.stream().filter((ms) -> ms > 10)).hasSize(12);
		// once the backlog is worked off the worker waits for the schedule again
		assertThat(latencies.get(19)).isEqualTo(2L);
		assertThat(ticker.now).isEqualTo(START + 192 * MS);
	}

	@Test
	void whenInterruptedWhileWaitingThenItStops() {
		SteppedTicker ticker = new SteppedTicker(START) {

			@Override
			public void waitNanos(long nanos) {
				Thread.currentThread().interrupt();
			}

		};
		OpenLoopSchedule schedule = new OpenLoopSchedule(1, START, ticker);
		assertThatThrownBy(() -> schedule.awaitTurn(5)).isInstanceOf(InterruptedException.class);
		assertThat(Thread.interrupted()).isFalse();
	}

	@Test
	void whenTheRateIsNotPositiveThenItIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new OpenLoopSchedule(0, START, new SteppedTicker(0)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OpenLoopSchedule(Double.NaN, START, new SteppedTicker(0)));
	}

	/**
	 * A clock that moves only when told, or by exactly the time waited.
	 */
	static class SteppedTicker implements OpenLoopSchedule.Ticker {

		long now;

		long waited;

		SteppedTicker(long now) {
			this.now = now;
		}

		@Override
		public long nanoTime() {
			return this.now;
		}

		@Override
		public void waitNanos(long nanos) {
			this.now += nanos;
			this.waited += nanos;
		}

	}

}
