package io.keyward.sealing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key-encryption key (KEK) under which every private key is stored: AES-256-GCM with
 * a random 96-bit IV and the key's purpose as additional authenticated data, so a sealed
 * CA key cannot be passed off as an RA key. A sealed blob starts with a format byte and,
 * since format 2, the KEK's key id, so that after a rotation the right KEK is picked and
 * a wrong one is named; format 1 (no key id, written before rotation existed) is still
 * read. The KEK comes from {@code KEYWARD_KEK} (base64 of 32 bytes) or from
 * {@code <data-dir>/kek} ({@link KeyEncryptionKeyFile}).
 */
public final class KeyEncryptionKey {

	private static final byte FORMAT_V1 = 1;

	private static final byte FORMAT_V2 = 2;

	private static final int KEY_ID_LENGTH = 8;

	private static final int IV_LENGTH = 12;

	private static final int TAG_BITS = 128;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SecretKeySpec key;

	private final byte[] keyId;

	/** Also accepted when opening: the other KEK of a rotation under way. */
	private final List<KeyEncryptionKey> alsoOpens;

	private KeyEncryptionKey(byte[] key, List<KeyEncryptionKey> alsoOpens) {
		if (key.length != 32) {
			throw new IllegalArgumentException("the key-encryption key must be 32 bytes (base64 of 32 random bytes)");
		}
		this.key = new SecretKeySpec(key, "AES");
		this.keyId = Arrays.copyOf(derive("key-id"), KEY_ID_LENGTH);
		this.alsoOpens = List.copyOf(alsoOpens);
	}

	/**
	 * @param base64 the KEK, base64 of 32 bytes
	 */
	public static KeyEncryptionKey of(String base64) {
		try {
			return new KeyEncryptionKey(Base64.getDecoder().decode(base64.strip()), List.of());
		}
		catch (IllegalArgumentException ex) {
			throw new MalformedKeyEncryptionKeyException("the key-encryption key is not valid base64 of 32 bytes", ex);
		}
	}

	/**
	 * A fresh random KEK, base64 of 32 bytes.
	 */
	public static String generate() {
		byte[] fresh = new byte[32];
		RANDOM.nextBytes(fresh);
		return Base64.getEncoder().encodeToString(fresh);
	}

	/**
	 * {@link KeyEncryptionKeyFile#load}: {@code fromEnvironment} when set, otherwise
	 * {@code <dataDir>/kek}, created (mode 0600, durably) when absent.
	 */
	public static KeyEncryptionKey load(String fromEnvironment, Path dataDir) {
		return KeyEncryptionKeyFile.load(fromEnvironment, dataDir);
	}

	/**
	 * This KEK, also opening what {@code other} sealed (seals stay under this one).
	 */
	public KeyEncryptionKey alsoOpening(KeyEncryptionKey other) {
		List<KeyEncryptionKey> keys = new ArrayList<>(this.alsoOpens);
		keys.add(other);
		return new KeyEncryptionKey(this.key.getEncoded(), keys);
	}

	/**
	 * @return the key id (hex of 8 bytes derived from the KEK), safe to log
	 */
	public String keyId() {
		return HexFormat.of().formatHex(this.keyId);
	}

	/**
	 * @return whether {@code sealed} was sealed under this very KEK (format 2, its key
	 * id); a rotation re-seals everything else
	 */
	public boolean sealedThis(byte[] sealed) {
		return sealed.length > 1 + KEY_ID_LENGTH && sealed[0] == FORMAT_V2
				&& MessageDigest.isEqual(this.keyId, Arrays.copyOfRange(sealed, 1, 1 + KEY_ID_LENGTH));
	}

	/**
	 * Encrypt and authenticate.
	 * @param plaintext for example a PKCS#8 private key
	 * @param purpose bound into the ciphertext, for example {@code ca:root}
	 * @return format byte, key id, IV, ciphertext and tag
	 */
	public byte[] seal(byte[] plaintext, String purpose) {
		byte[] iv = new byte[IV_LENGTH];
		RANDOM.nextBytes(iv);
		byte[] ciphertext = crypt(Cipher.ENCRYPT_MODE, iv, purpose, plaintext, 0, plaintext.length);
		return ByteBuffer.allocate(1 + KEY_ID_LENGTH + IV_LENGTH + ciphertext.length)
			.put(FORMAT_V2)
			.put(this.keyId)
			.put(iv)
			.put(ciphertext)
			.array();
	}

	/**
	 * Decrypt what {@link #seal} produced, under this KEK or one it also opens.
	 * @throws WrongKeyEncryptionKeyException when the data was sealed under another KEK
	 * or purpose, or was altered
	 */
	public byte[] open(byte[] sealed, String purpose) {
		if (sealed.length >= 1 + KEY_ID_LENGTH + IV_LENGTH + TAG_BITS / 8 && sealed[0] == FORMAT_V2) {
			for (KeyEncryptionKey candidate : candidates()) {
				if (candidate.sealedThis(sealed)) {
					return candidate.openAt(sealed, 1 + KEY_ID_LENGTH, purpose);
				}
			}
			throw new WrongKeyEncryptionKeyException("the sealed key '" + purpose + "' was sealed under key id "
					+ HexFormat.of().formatHex(sealed, 1, 1 + KEY_ID_LENGTH) + ", not under this key-encryption key ("
					+ keyId() + ")");
		}
		if (sealed.length >= 1 + IV_LENGTH + TAG_BITS / 8 && sealed[0] == FORMAT_V1) {
			for (KeyEncryptionKey candidate : candidates()) {
				try {
					return candidate.openAt(sealed, 1, purpose);
				}
				catch (WrongKeyEncryptionKeyException ex) {
					// sealed before key ids existed: try the next KEK
				}
			}
			throw new WrongKeyEncryptionKeyException("cannot open the sealed key '" + purpose
					+ "': wrong key-encryption key (" + keyId() + ") or altered data");
		}
		throw new WrongKeyEncryptionKeyException("not a sealed key (unknown format)");
	}

	private List<KeyEncryptionKey> candidates() {
		List<KeyEncryptionKey> candidates = new ArrayList<>();
		candidates.add(this);
		candidates.addAll(this.alsoOpens);
		return candidates;
	}

	private byte[] openAt(byte[] sealed, int ivOffset, String purpose) {
		byte[] iv = Arrays.copyOfRange(sealed, ivOffset, ivOffset + IV_LENGTH);
		int start = ivOffset + IV_LENGTH;
		try {
			return crypt(Cipher.DECRYPT_MODE, iv, purpose, sealed, start, sealed.length - start);
		}
		catch (IllegalStateException ex) {
			throw new WrongKeyEncryptionKeyException("cannot open the sealed key '" + purpose
					+ "': wrong key-encryption key (" + keyId() + ") or altered data");
		}
	}

	private byte[] crypt(int mode, byte[] iv, String purpose, byte[] input, int offset, int length) {
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(mode, this.key, new GCMParameterSpec(TAG_BITS, iv));
			cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
			return cipher.doFinal(input, offset, length);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM failed", ex);
		}
	}

	/**
	 * A 32-byte key for another purpose: HMAC-SHA256 under the KEK of
	 * {@code "keyward derive " + purpose}. The KEK is uniformly random, so it serves as
	 * the pseudorandom key without an extract step (RFC 5869 section 3.3), and this is
	 * HKDF-Expand's first block (section 2.3) without its counter byte, kept so that keys
	 * derived by earlier versions stay the same. A derived key does not reveal the KEK,
	 * so a service can be given it alone.
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
