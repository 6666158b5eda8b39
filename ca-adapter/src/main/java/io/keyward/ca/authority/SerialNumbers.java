package io.keyward.ca.authority;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * Certificate serial numbers: 16 bytes from {@link SecureRandom} with the top bit
 * cleared, so the number is positive and fits the 20 octets RFC 5280 section 4.1.2.2
 * allows, with 127 random bits (CA/Browser Forum baseline requirements ask for at least
 * 64). Uniqueness is enforced by the database; a clash is retried with a new number.
 */
final class SerialNumbers {

	private static final int LENGTH = 16;

	private final SecureRandom random;

	SerialNumbers(SecureRandom random) {
		this.random = random;
	}

	BigInteger next() {
		byte[] bytes = new byte[LENGTH];
		this.random.nextBytes(bytes);
		bytes[0] &= 0x7F;
		BigInteger serial = new BigInteger(1, bytes);
		// zero is not a valid serial (RFC 5280 section 4.1.2.2: positive integer)
		return (serial.signum() == 0) ? next() : serial;
	}

}
