package io.keyward.challenge.apiclient;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeysTests {

	@Test
	void whenGeneratedThenPrefixedBase64UrlOf256Bits() {
		String key = ApiKeys.generate();
		assertThat(key).matches("kw_[A-Za-z0-9_-]{43}");
		assertThat(ApiKeys.generate()).isNotEqualTo(key);
	}

	@Test
	void whenDigestedThenLowerCaseHexSha256() {
		// SHA-256("abc"), FIPS 180-2 appendix B.1
		assertThat(ApiKeys.digest("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

}
