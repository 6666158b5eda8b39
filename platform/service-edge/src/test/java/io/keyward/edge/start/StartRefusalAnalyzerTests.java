package io.keyward.edge.start;

import io.keyward.sealing.KeyEncryptionKey;
import io.keyward.sealing.MalformedKeyEncryptionKeyException;
import io.keyward.sealing.WrongKeyEncryptionKeyException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The refusals found deep in a failed start's cause chain, where Spring wraps them in
 * bean-creation exceptions, become one description and one action.
 */
class StartRefusalAnalyzerTests {

	@Test
	void whenAKeySealedUnderAnotherKekCannotBeOpenedThenTheDescriptionNamesBothKeyIds() {
		KeyEncryptionKey sealer = KeyEncryptionKey.of(KeyEncryptionKey.generate());
		KeyEncryptionKey other = KeyEncryptionKey.of(KeyEncryptionKey.generate());
		byte[] sealed = sealer.seal(new byte[] { 1, 2, 3 }, "ra:signing");
		WrongKeyEncryptionKeyException wrong = catchThrowableOfType(WrongKeyEncryptionKeyException.class,
				() -> other.open(sealed, "ra:signing"));

		FailureAnalysis analysis = new KeyEncryptionKeyFailureAnalyzer().analyze(wrapped(wrong));

		assertThat(analysis.getDescription()).contains("'ra:signing'").contains(sealer.keyId()).contains(other.keyId());
		assertThat(analysis.getAction()).contains("restore <keyward.data-dir>/kek").contains("KEYWARD_KEK");
	}

	@Test
	void whenTheKekIsNotBase64Of32BytesThenTheDescriptionSaysSoWithoutTheValue() {
		MalformedKeyEncryptionKeyException malformed = catchThrowableOfType(MalformedKeyEncryptionKeyException.class,
				() -> KeyEncryptionKey.of("not-a-key-but-a-secret-typo"));

		FailureAnalysis analysis = new KeyEncryptionKeyFailureAnalyzer().analyze(wrapped(malformed));

		assertThat(analysis.getDescription()).contains("not valid base64 of 32 bytes")
			.doesNotContain("not-a-key-but-a-secret-typo");
	}

	@Test
	void whenAStartIsRefusedThenItsDescriptionAndActionAreReportedAndOtherFailuresAreNot() {
		FailureAnalysis analysis = new StartRefusedFailureAnalyzer()
			.analyze(wrapped(new StartRefusedException("the key is wrong", "use the right one")));

		assertThat(analysis.getDescription()).isEqualTo("the key is wrong");
		assertThat(analysis.getAction()).isEqualTo("use the right one");
		assertThat(new StartRefusedFailureAnalyzer().analyze(wrapped(new IllegalStateException("a bug")))).isNull();
		assertThat(new KeyEncryptionKeyFailureAnalyzer().analyze(wrapped(new IllegalStateException("a bug")))).isNull();
	}

	private static Throwable wrapped(Throwable cause) {
		return new BeanCreationException("outer", new BeanCreationException("inner", cause));
	}

}
