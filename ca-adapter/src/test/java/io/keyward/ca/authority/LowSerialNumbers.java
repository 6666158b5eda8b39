package io.keyward.ca.authority;

import java.security.SecureRandom;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Serials whose first byte is below {@code 0x10}, for every certificate the tests issue.
 * Such a serial is the one whose shown form ({@code 0F…}, as OpenSSL prints it) and
 * stored form ({@code F…}) differ; a test that mixed the two up failed one run in sixteen
 * with random serials. With these it fails every run.
 */
@TestConfiguration(proxyBeanMethods = false)
public class LowSerialNumbers {

	@Bean
	@Primary
	SerialNumbers lowSerialNumbers() {
		return new SerialNumbers(new SecureRandom() {

			@Override
			public void nextBytes(byte[] bytes) {
				super.nextBytes(bytes);
				// 0x01..0x0F: a leading zero digit, never a zero byte
				bytes[0] = (byte) (1 + (bytes[0] & 0x0E));
			}

		});
	}

}
