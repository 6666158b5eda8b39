package io.keyward.admin.account;

import java.security.SecureRandom;

/**
 * Random passwords for the first admin: 20 characters from a 57-character alphabet
 * without look-alikes (0/O, 1/l/I), about 116 bits, easy to copy from a terminal.
 */
final class GeneratedPassword {

	private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

	static final int LENGTH = 20;

	private static final SecureRandom RANDOM = new SecureRandom();

	private GeneratedPassword() {
	}

	static String next() {
		StringBuilder password = new StringBuilder(LENGTH);
		for (int i = 0; i < LENGTH; i++) {
			password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
		}
		return password.toString();
	}

}
