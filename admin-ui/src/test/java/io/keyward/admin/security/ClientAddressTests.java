package io.keyward.admin.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressTests {

	@Test
	void whenIpv4ThenTheAddressItself() {
		assertThat(ClientAddress.throttleKey("192.0.2.7")).isEqualTo("192.0.2.7");
		assertThat(ClientAddress.throttleKey("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
	}

	@Test
	void whenIpv6ThenItsSlash64SoAddressesOfOneClientCountTogether() {
		assertThat(ClientAddress.throttleKey("2001:db8:1:2::1"))
			.isEqualTo(ClientAddress.throttleKey("2001:db8:1:2:ffff:eeee:dddd:cccc"))
			.endsWith("/64");
		assertThat(ClientAddress.throttleKey("2001:db8:1:3::1"))
			.isNotEqualTo(ClientAddress.throttleKey("2001:db8:1:2::1"));
	}

	@Test
	void whenNotALiteralAddressThenUnknownWithoutLookUp() {
		assertThat(ClientAddress.throttleKey("example.com")).isEqualTo("unknown");
		assertThat(ClientAddress.throttleKey(null)).isEqualTo("unknown");
	}

}
