package io.keyward.edge.fingerprint;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class Sha256Tests {

	private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

	@Test
	void whenTheFips180ExampleIsDigestedThenItsKnownValueInBothForms() {
		assertThat(Sha256.hex("abc")).isEqualTo(ABC);
		assertThat(Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo(ABC);
		assertThat(Sha256.display("abc".getBytes(StandardCharsets.US_ASCII))).startsWith("BA:78:16:BF:")
			.hasSize(64 + 31);
	}

	@Test
	void whenACertificateIsDigestedThenTheHexOfItsEncoding() {
		assertThat(Sha256.hex(new Encoded("abc".getBytes(StandardCharsets.US_ASCII)))).isEqualTo(ABC);
	}

	@Test
	void whenACertificateCannotBeEncodedThenAnInternalError() {
		assertThatIllegalStateException().isThrownBy(() -> Sha256.hex(new Encoded(null)))
			.withCauseInstanceOf(CertificateEncodingException.class);
	}

	/** A certificate that is only its encoding (null: cannot be encoded). */
	private static final class Encoded extends Certificate {

		private final byte[] encoded;

		Encoded(byte[] encoded) {
			super("X.509");
			this.encoded = encoded;
		}

		@Override
		public byte[] getEncoded() throws CertificateEncodingException {
			if (this.encoded == null) {
				throw new CertificateEncodingException("test");
			}
			return this.encoded;
		}

		@Override
		public void verify(PublicKey key) {
		}

		@Override
		public void verify(PublicKey key, String sigProvider) {
		}

		@Override
		public String toString() {
			return "Encoded";
		}

		@Override
		public PublicKey getPublicKey() {
			return null;
		}

	}

}
