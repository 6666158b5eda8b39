package io.keyward.challenge.event;

import java.net.URI;
import java.util.Set;

import io.keyward.challenge.webhook.WebhookSignature;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class WebhookPropertiesTests {

	private static final String SECRET = "0123456789abcdef";

	@Test
	void whenTheUrlIsPlainHttpToAnotherHostThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WebhookProperties.Webhook(URI.create("http://mdm.example/hook"), SECRET, Set.of()))
			.withMessageContaining("https");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WebhookProperties.Webhook(URI.create("ftp://127.0.0.1/hook"), SECRET, Set.of()));
	}

	@Test
	void whenHttpsOrLoopbackHttpThenAccepted() {
		assertThatNoException()
			.isThrownBy(() -> new WebhookProperties.Webhook(URI.create("https://mdm.example/hook"), SECRET, Set.of()));
		assertThatNoException().isThrownBy(
				() -> new WebhookProperties.Webhook(URI.create("http://127.0.0.1:9000/hook"), SECRET, Set.of()));
		assertThatNoException().isThrownBy(
				() -> new WebhookProperties.Webhook(URI.create("http://localhost:9000/hook"), SECRET, Set.of()));
	}

	@Test
	void whenTheSecretIsShortThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WebhookProperties.Webhook(URI.create("https://mdm.example/hook"), "short", Set.of()));
	}

	@Test
	void whenTheSignatureIsComputedThenItIsHmacSha256OverTimestampDotBody() {
		// the known answer, computed independently with
		// printf '1700000000.{}' | openssl dgst -sha256 -hmac 0123456789abcdef
		assertThat(WebhookSignature.sign(SECRET, 1700000000L, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
			.isEqualTo("sha256=" + EXPECTED);
	}

	private static final String EXPECTED = "e4f8e2ecae2295b2ddb2f0b5584c8275e226c0ebe9b3b819e70156bb67122e3e";

}
