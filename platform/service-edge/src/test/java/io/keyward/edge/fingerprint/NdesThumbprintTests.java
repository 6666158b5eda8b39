package io.keyward.edge.fingerprint;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NdesThumbprintTests {

	@Test
	void whenHashedThenMd5IsFourGroupsOfEightUpperCaseHexDigits() {
		// RFC 1321 appendix A.5: MD5("") and MD5("abc")
		assertThat(NdesThumbprint.of(new byte[0])).isEqualTo("D41D8CD9 8F00B204 E9800998 ECF8427E");
		assertThat(NdesThumbprint.of("abc".getBytes(StandardCharsets.US_ASCII)))
			.isEqualTo("90015098 3CD24FB0 D6963F7D 28E17F72");
	}

}
