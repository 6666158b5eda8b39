package io.keyward.ca.authority;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SerialNumbersTests {

	@Test
	void whenRandomBytesHaveTheTopBitSetThenTheSerialIsStillPositiveAndFitsSixteenOctets() {
		SecureRandom allOnes = new SecureRandom() {
			@Override
			public void nextBytes(byte[] bytes) {
				java.util.Arrays.fill(bytes, (byte) 0xFF);
			}
		};

		BigInteger serial = new SerialNumbers(allOnes).next();

		assertThat(serial.signum()).isPositive();
		assertThat(serial.bitLength()).isEqualTo(127);
		assertThat(serial.toByteArray()).hasSize(16);
	}

	@Test
	void whenDrawingManyThenTheyDiffer() {
		SerialNumbers serials = new SerialNumbers(new SecureRandom());
		Set<BigInteger> drawn = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			drawn.add(serials.next());
		}
		assertThat(drawn).hasSize(10_000);
	}

}
