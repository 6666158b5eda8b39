package io.keyward.challenge.intune;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import io.keyward.testsupport.MutableClock;
import io.keyward.testsupport.intune.FakeIntune;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Entra app credentials against the fake token endpoint: a client assertion signed with
 * the app's certificate key, a wrong secret, and the start-up check of the settings.
 */
class EntraTokensTests {

	final FakeIntune fake = start();

	final MutableClock clock = new MutableClock();

	@AfterEach
	void stop() {
		this.fake.close();
	}

	@Test
	void whenTheAppUsesACertificateThenTheClientAssertionIsSignedAndAccepted() {
		this.fake.clientCertificate = TestCsrs.selfSigned("keyward-intune-app");
		EntraTokens tokens = new EntraTokens(properties(null, Path.of("app.pem"), Path.of("app.key")),
				RestClient.create(),
				new ClientAssertion(FakeIntune.CLIENT_ID, this.fake.clientCertificate, TestCsrs.KEYS.getPrivate()),
				this.clock);

		assertThat(tokens.token(FakeIntune.INTUNE_SCOPE)).startsWith("tok-");
		assertThat(this.fake.violations).isEmpty();
	}

	@Test
	void whenCachedThenNotFetchedAgainUntilNearExpiry() {
		EntraTokens tokens = new EntraTokens(properties(FakeIntune.SECRET, null, null), RestClient.create(), null,
				this.clock);
		String first = tokens.token(FakeIntune.INTUNE_SCOPE);
		this.clock.advance(Duration.ofMinutes(54));
		assertThat(tokens.token(FakeIntune.INTUNE_SCOPE)).isEqualTo(first);
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(tokens.token(FakeIntune.INTUNE_SCOPE)).isNotEqualTo(first);
		assertThat(this.fake.tokensIssued.get()).isEqualTo(2);
	}

	@Test
	void whenTheSecretIsWrongThenUnavailableAndNothingIssued() {
		EntraTokens tokens = new EntraTokens(properties("not-the-secret", null, null), RestClient.create(), null,
				this.clock);
		assertThatExceptionOfType(IntuneUnavailableException.class)
			.isThrownBy(() -> tokens.token(FakeIntune.INTUNE_SCOPE));
	}

	@Test
	void whenNoOrBothCredentialsThenTheStartFails() {
		assertThatIllegalStateException().isThrownBy(() -> properties(null, null, null).requireUsable());
		assertThatIllegalStateException()
			.isThrownBy(() -> properties("secret", Path.of("a.pem"), Path.of("a.key")).requireUsable());
		assertThatIllegalStateException().isThrownBy(() -> properties(null, Path.of("a.pem"), null).requireUsable());
		properties("secret", null, null).requireUsable();
		properties(null, Path.of("a.pem"), Path.of("a.key")).requireUsable();
	}

	private IntuneProperties properties(String secret, Path certificate, Path key) {
		return new IntuneProperties(FakeIntune.TENANT, FakeIntune.CLIENT_ID, secret, certificate, key,
				URI.create(this.fake.base()), URI.create(this.fake.base() + "graph/"), FakeIntune.INTUNE_APP,
				URI.create("https://api.manage.microsoft.com/"), FakeIntune.PROVIDER, Duration.ofSeconds(5), 3,
				Duration.ZERO, Duration.ofHours(2), Duration.ZERO, 100);
	}

	private static FakeIntune start() {
		try {
			return new FakeIntune();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
