package io.keyward.api.secret;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key-encryption key (KEK) under which every private key is stored: AES-256-GCM with
 * a random 96-bit IV and the key's purpose as additional authenticated data, so a sealed
 * CA key cannot be passed off as an RA key. The KEK comes from {@code KEYWARD_KEK}
 * (base64 of 32 bytes) or from {@code <data-dir>/kek}, which is created with mode 0600 on
 * first start.
 */
public final class KeyEncryptionKey {

	private static final byte FORMAT_V1 = 1;

	private static final int IV_LENGTH = 12;

	private static final int TAG_BITS = 128;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SecretKeySpec key;

	private KeyEncryptionKey(byte[] key) {
		if (key.length != 32) {
			throw new IllegalArgumentException("the key-encryption key must be 32 bytes (base64 of 32 random bytes)");
		}
		this.key = new SecretKeySpec(key, "AES");
	}

	/**
	 * @param base64 the KEK, base64 of 32 bytes
	 */
	public static KeyEncryptionKey of(String base64) {
		try {
			return new KeyEncryptionKey(Base64.getDecoder().decode(base64.strip()));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("the key-encryption key is not valid base64 of 32 bytes", ex);
		}
	}

	/**
	 * Use {@code fromEnvironment} when it is set, otherwise {@code <dataDir>/kek},
	 * creating it (mode 0600) when absent.
	 * @param fromEnvironment value of {@code KEYWARD_KEK}, may be null or blank
	 * @param dataDir the data directory
	 */
	public static KeyEncryptionKey load(String fromEnvironment, Path dataDir) {
		if (fromEnvironment != null && !fromEnvironment.isBlank()) {
			return of(fromEnvironment);
		}
		Path file = dataDir.resolve("kek");
		try {
			if (!Files.exists(file)) {
				byte[] fresh = new byte[32];
				RANDOM.nextBytes(fresh);
				SecretFiles.createPrivate(file, Base64.getEncoder().encodeToString(fresh) + "\n");
			}
			return of(Files.readString(file, StandardCharsets.US_ASCII));
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read or create the key-encryption key " + file, ex);
		}
	}

	/**
	 * Encrypt and authenticate.
	 * @param plaintext for example a PKCS#8 private key
	 * @param purpose bound into the ciphertext, for example {@code ca:root}
	 * @return version byte, IV, ciphertext and tag
	 */
	public byte[] seal(byte[] plaintext, String purpose) {
		byte[] iv = new byte[IV_LENGTH];
		RANDOM.nextBytes(iv);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, iv));
			cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
			byte[] ciphertext = cipher.doFinal(plaintext);
			return ByteBuffer.allocate(1 + IV_LENGTH + ciphertext.length)
				.put(FORMAT_V1)
				.put(iv)
				.put(ciphertext)
				.array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM sealing failed", ex);
		}
	}

	/**
	 * Decrypt what {@link #seal} produced.
	 * @throws IllegalStateException when the data was sealed under another KEK or
	 * purpose, or was altered
	 */
	public byte[] open(byte[] sealed, String purpose) {
		if (sealed.length < 1 + IV_LENGTH + TAG_BITS / 8 || sealed[0] != FORMAT_V1) {
			throw new IllegalStateException("not a sealed key (unknown format)");
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key,
					new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(sealed, 1, 1 + IV_LENGTH)));
			cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
			return cipher.doFinal(sealed, 1 + IV_LENGTH, sealed.length - 1 - IV_LENGTH);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(
					"cannot open the sealed key '" + purpose + "': wrong key-encryption key or altered data");
		}
	}

	/**
	 * A 32-byte key for another purpose (for example the challenge HMAC key), derived
	 * with HMAC-SHA256 so it never equals the KEK.
	 */
	public byte[] derive(String purpose) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.key.getEncoded(), "HmacSHA256"));
			return mac.doFinal(("keyward derive " + purpose).getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
