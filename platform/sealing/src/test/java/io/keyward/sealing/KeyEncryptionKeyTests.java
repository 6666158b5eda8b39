package io.keyward.sealing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class KeyEncryptionKeyTests {

	static final String KEK = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

	/**
	 * "a private key" sealed for ca:root under {@link #KEK} by Keyward 0.1 (format 1).
	 */
	static final String PREVIOUS_VERSION_BLOB = "019a1ee2c4f6648378486ef8ec17edd3cfd596dce1d836fb0419beeefafe0498068c9925c6233b5d8af8";

	private final KeyEncryptionKey kek = KeyEncryptionKey.of(KEK);

	private final KeyEncryptionKey other = KeyEncryptionKey.of(KeyEncryptionKey.generate());

	@Test
	void whenSealedThenTheBlobCarriesTheKeyIdAndOpensForItsPurposeOnly() {
		byte[] sealed = this.kek.seal(bytes("a private key"), "ca:root");
		assertThat(sealed[0]).isEqualTo((byte) 2);
		assertThat(HexFormat.of().formatHex(sealed, 1, 9)).isEqualTo(this.kek.keyId());
		assertThat(this.kek.sealedThis(sealed)).isTrue();
		assertThat(this.other.sealedThis(sealed)).isFalse();
		assertThat(this.kek.open(sealed, "ca:root")).isEqualTo(bytes("a private key"));
		assertThatExceptionOfType(WrongKeyEncryptionKeyException.class)
			.isThrownBy(() -> this.kek.open(sealed, "ra:signing"));
	}

	@Test
	void whenOpenedUnderAnotherKekThenTheErrorNamesBothKeyIds() {
		byte[] sealed = this.kek.seal(bytes("a private key"), "ca:root");
		assertThatExceptionOfType(WrongKeyEncryptionKeyException.class)
			.isThrownBy(() -> this.other.open(sealed, "ca:root"))
			.withMessageContaining(this.kek.keyId())
			.withMessageContaining(this.other.keyId());
	}

	@Test
	void whenABlobOfThePreviousVersionIsOpenedThenItOpensAndIsNotTakenForThisKeksOwn() {
		byte[] previous = HexFormat.of().parseHex(PREVIOUS_VERSION_BLOB);
		assertThat(this.kek.open(previous, "ca:root")).isEqualTo(bytes("a private key"));
		assertThat(this.kek.sealedThis(previous)).as("a rotation re-seals it").isFalse();
		assertThatExceptionOfType(WrongKeyEncryptionKeyException.class)
			.isThrownBy(() -> this.other.open(previous, "ca:root"));
		assertThat(this.other.alsoOpening(this.kek).open(previous, "ca:root")).isEqualTo(bytes("a private key"));
	}

	@Test
	void whenARotationIsUnderWayThenBothKeksOpenAndNewSealsUseTheFirst() {
		KeyEncryptionKey during = this.kek.alsoOpening(this.other);
		byte[] underOther = this.other.seal(bytes("ra key"), "ra:signing");
		assertThat(during.open(underOther, "ra:signing")).isEqualTo(bytes("ra key"));
		assertThat(this.kek.sealedThis(during.seal(bytes("x"), "p"))).isTrue();
	}

	@Test
	void whenAKeyIsDerivedThenItIsTheOneEarlierVersionsDerived() {
		// printf 'keyward derive challenge-hmac' | openssl dgst -sha256 -mac HMAC -macopt
		// hexkey:<KEK in hex> -binary | base64
		assertThat(Base64.getEncoder().encodeToString(this.kek.derive("challenge-hmac")))
			.isEqualTo("ROomEAlx4c6lm5J/c3BBKoktdh3uGRo/cAAx1KAHdR4=");
	}

	@Test
	void whenTheKekIsNot32BytesOfBase64ThenItIsRefused() {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> KeyEncryptionKey.of("c2hvcnQ="));
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> KeyEncryptionKey.of("not base64!"));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
