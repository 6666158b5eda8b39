package io.keyward.edge.limit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketTests {

	private static final long SECOND = 1_000_000_000L;

	@Test
	void whenTheBurstIsSpentThenTheWaitIsUntilTheNextTokenAndTimeRefillsIt() {
		TokenBucket bucket = new TokenBucket(2, 3, 0);
		assertThat(bucket.take(0)).isZero();
		assertThat(bucket.take(0)).isZero();
		assertThat(bucket.take(0)).isZero();
		assertThat(bucket.take(0)).as("half a second for one token at 2/s").isEqualTo(SECOND / 2);
		assertThat(bucket.full(0)).isFalse();
		assertThat(bucket.take(SECOND / 2)).isZero();
		assertThat(bucket.take(SECOND / 2)).isPositive();
		assertThat(bucket.full(10 * SECOND)).as("never more than its capacity").isTrue();
		for (int i = 0; i < 3; i++) {
			assertThat(bucket.take(10 * SECOND)).isZero();
		}
		assertThat(bucket.take(10 * SECOND)).isPositive();
	}

}
