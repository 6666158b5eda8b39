package io.keyward.scep;

import java.util.Base64;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MessageParameterTests {

	private static final byte[] MESSAGE = bytes(301);

	private static final String BASE64 = Base64.getEncoder().encodeToString(MESSAGE);

	@BeforeAll
	static void base64HasEveryCharacterThatGetsMangled() {
		assertThat(BASE64).contains("+", "/").endsWith("=");
	}

	@Test
	void whenPlusAndSlashAreSentRawThenTheyDecode() throws Exception {
		// iOS and Cisco leave + and / unescaped
		assertThat(MessageParameter.decode("operation=PKIOperation&message=" + BASE64.replace("=", "%3D")))
			.isEqualTo(MESSAGE);
	}

	@Test
	void whenPlusWasTurnedIntoSpaceThenItIsRestored() throws Exception {
		assertThat(MessageParameter.decode("operation=PKIOperation&message=" + BASE64.replace('+', ' ')))
			.isEqualTo(MESSAGE);
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void whenBase64IsFullyPercentEscapedThenItDecodes(boolean upperCase) throws Exception {
		String escaped = BASE64.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D");
		String query = "operation=PKIOperation&message="
				+ (upperCase ? escaped : escaped.replace("%2B", "%2b").replace("%2F", "%2f").replace("%3D", "%3d"));
		assertThat(MessageParameter.decode(query)).isEqualTo(MESSAGE);
	}

	@Test
	void whenBase64HasEscapedNewlinesThenTheyAreIgnored() throws Exception {
		// sscep sends MIME base64 with %0A every 64 characters
		String mime = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(MESSAGE);
		String escaped = mime.replace("\n", "%0A").replace("+", "%2B").replace("/", "%2F").replace("=", "%3D");
		assertThat(escaped).contains("%0A");
		assertThat(MessageParameter.decode("operation=PKIOperation&message=" + escaped)).isEqualTo(MESSAGE);
		assertThat(MessageParameter.decode("operation=PKIOperation&message=" + mime.replace("\n", "%0D%0A")))
			.isEqualTo(MESSAGE);
	}

	@Test
	void whenBase64UrlAlphabetIsUsedThenItDecodes() throws Exception {
		// micromdm's scepclient before a8623d6 (see the scepclient GET fixture)
		String url = Base64.getUrlEncoder().withoutPadding().encodeToString(MESSAGE);
		assertThat(url).contains("-", "_");
		assertThat(MessageParameter.decode("message=" + url + "&operation=PKIOperation")).isEqualTo(MESSAGE);
	}

	@Test
	void whenPaddingIsMissingThenItDecodes() throws Exception {
		assertThat(MessageParameter.decode("operation=PKIOperation&message=" + BASE64.replace("=", "")))
			.isEqualTo(MESSAGE);
	}

	@Test
	void whenWholeRequestUriIsPassedThenTheQueryIsUsed() throws Exception {
		assertThat(MessageParameter.decode("/scep/pkiclient.exe?operation=PKIOperation&message=" + BASE64))
			.isEqualTo(MESSAGE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "operation=PKIOperation&message=@@@@", "operation=PKIOperation&message=ab%ZZcd",
			"operation=PKIOperation&message=abcde", "operation=PKIOperation&message=", "operation=PKIOperation",
			"operation=PKIOperation&message=ab%2" })
	void whenMessageIsMissingOrNotBase64ThenMalformedMessageException(String query) {
		assertThatExceptionOfType(MalformedMessageException.class).isThrownBy(() -> MessageParameter.decode(query));
	}

	@Test
	void whenQueryIsNullThenMalformedMessageException() {
		assertThatExceptionOfType(MalformedMessageException.class).isThrownBy(() -> MessageParameter.decode(null));
	}

	@Test
	void whenMessageIs64KibThenItDecodes() throws Exception {
		// Intune challenges make GET URLs very large (NDES guidance: 65534 bytes)
		byte[] large = bytes(64 * 1024);
		String escaped = Base64.getEncoder().encodeToString(large).replace("/", "%2F");
		assertThat(MessageParameter.decode("operation=PKIOperation&message=" + escaped)).isEqualTo(large);
	}

	private static byte[] bytes(int length) {
		byte[] bytes = new byte[length];
		for (int i = 0; i < length; i++) {
			bytes[i] = (byte) (i * 37 + 251);
		}
		return bytes;
	}

}
