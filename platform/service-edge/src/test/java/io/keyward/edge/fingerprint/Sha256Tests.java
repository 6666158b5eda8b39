package io.keyward.edge.fingerprint;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Sha256Tests {

	private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

	@Test
	void whenTheFips180ExampleIsDigestedThenItsKnownValueInBothForms() {
		assertThat(Sha256.hex("abc")).isEqualTo(ABC);
		assertThat(Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo(ABC);
		assertThat(Sha256.display("abc".getBytes(StandardCharsets.US_ASCII))).startsWith("BA:78:16:BF:")
			.hasSize(64 + 31);
	}

}
