package io.keyward.challenge.onetime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.keyward.api.challenge.RedemptionResult;
import io.keyward.challenge.IntegrationTestSupport;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent callers over real HTTP, released together by a start gate.
 */
class ChallengeConcurrencyTests extends IntegrationTestSupport {

	@AfterEach
	void forgetCappedProfile() {
		this.jdbc.update("delete from challenge.challenge where profile = 'tiny'");
	}

	@Test
	void whenThirtyTwoRedeemTheSameChallengeAtOnceThenExactlyOneIsAccepted() throws Exception {
		String challenge = mint("default").challenge();
		List<String> transactionIds = new ArrayList<>();
		for (int i = 0; i < 32; i++) {
			transactionIds.add("race-" + i + "-" + newTransactionId());
		}

		List<RedemptionResult> results = race(32,
				(i) -> () -> redeem(challenge, "default", transactionIds.get(i), publicKeySha256()));

		List<Integer> winners = new ArrayList<>();
		for (int i = 0; i < results.size(); i++) {
			if (results.get(i).accepted()) {
				winners.add(i);
			}
			else {
				assertThat(results.get(i)).isEqualTo(RedemptionResult.rejected("challenge already used"));
			}
		}
		assertThat(winners).hasSize(1);
		// the row holds the winner's transactionID, and no loser's
		assertThat(
				this.jdbc.queryForList("select transaction_id from challenge.challenge where transaction_id = any (?)",
						String.class, (Object) transactionIds.toArray(String[]::new)))
			.containsExactly(transactionIds.get(winners.get(0)));
	}

	@Test
	void whenEightRedeemDistinctChallengesAtOnceThenAllAreAccepted() throws Exception {
		List<String> challenges = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			challenges.add(mint("default").challenge());
		}
		List<RedemptionResult> results = race(8, (i) -> () -> redeem(challenges.get(i), "default"));
		assertThat(results).extracting(RedemptionResult::accepted, RedemptionResult::template)
			.containsOnly(org.assertj.core.groups.Tuple.tuple(true, "default"));
	}

	@Test
	void whenEightMintOnACappedProfileAtOnceThenTheCapHolds() throws Exception {
		List<HttpStatusCode> statuses = race(8,
				(i) -> () -> post("/api/v1/challenges", API_KEY, "{\"profile\":\"tiny\"}").getStatusCode());
		assertThat(statuses).filteredOn(HttpStatus.CREATED::equals).hasSize(2);
		assertThat(statuses).filteredOn(HttpStatus.TOO_MANY_REQUESTS::equals).hasSize(6);
	}

	/**
	 * Run {@code n} calls on {@code n} threads, all released by one latch once every
	 * thread is waiting at it.
	 */
	static <T> List<T> race(int n, IntFunction<Callable<T>> call) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(n);
		try {
			CountDownLatch ready = new CountDownLatch(n);
			CountDownLatch start = new CountDownLatch(1);
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				Callable<T> task = call.apply(i);
				futures.add(threads.submit(() -> {
					ready.countDown();
					start.await();
					return task.call();
				}));
			}
			assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(60, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			threads.shutdownNow();
		}
	}

}
