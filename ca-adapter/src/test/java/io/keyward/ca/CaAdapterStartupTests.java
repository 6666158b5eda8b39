package io.keyward.ca;

import java.util.UUID;

import io.keyward.ca.authority.CertificateAuthority;
import io.keyward.testsupport.StartFailureReport;
import io.keyward.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Starts the real application the way the launcher does
 * ({@link CaAdapterApplication#application()}), twice against the same database: a
 * restart with the same key-encryption key gets the same CA, a restart with another one
 * stops with a message that names the cause.
 */
@ExtendWith(OutputCaptureExtension.class)
class CaAdapterStartupTests {

	private static final String OTHER_KEK = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";

	private static ConfigurableApplicationContext start(String caName, String kek, String serviceTokens) {
		TestPostgres postgres = TestPostgres.get();
		// command-line arguments, as an operator would pass them: they win over
		// ca-adapter.yml
		return CaAdapterApplication.application()
			.run("--server.port=0", "--spring.datasource.url=" + postgres.jdbcUrl(),
					"--spring.datasource.username=" + postgres.username(),
					"--spring.datasource.password=" + postgres.password(), "--keyward.ca.name=" + caName,
					"--keyward.ca.key-algorithm=EC_P256", "--keyward.kek=" + kek,
					"--keyward.edge.callers.gateway.tokens=" + serviceTokens);
	}

	@Test
	void whenRestartedWithTheSameKekThenTheSameCaAndWithAnotherKekThenAClearError() {
		String name = "startup-" + UUID.randomUUID();
		Object first;
		try (ConfigurableApplicationContext context = start(name, CaAdapterTest.KEK, CaAdapterTest.SERVICE_TOKEN)) {
			first = context.getBean(CertificateAuthority.class).chain();
		}
		try (ConfigurableApplicationContext context = start(name, CaAdapterTest.KEK, CaAdapterTest.SERVICE_TOKEN)) {
			assertThat(context.getBean(CertificateAuthority.class).chain()).isEqualTo(first);
		}

		assertThatException().isThrownBy(() -> start(name, OTHER_KEK, CaAdapterTest.SERVICE_TOKEN))
			.withStackTraceContaining("cannot open the private key of CA '" + name + "'")
			.withStackTraceContaining("the key-encryption key (keyward.kek / KEYWARD_KEK");
	}

	@Test
	void whenStartedAloneWithAnotherKekThenOneClearReportAndNoStackTrace(CapturedOutput output) {
		String name = "startup-report-" + UUID.randomUUID();
		start(name, CaAdapterTest.KEK, CaAdapterTest.SERVICE_TOKEN).close();
		int before = output.length();

		assertThatException().isThrownBy(() -> start(name, OTHER_KEK, CaAdapterTest.SERVICE_TOKEN));

		StartFailureReport.requireOneClearReport(output.toString().substring(before),
				"cannot open the private key of CA '" + name + "'", "Start with the key-encryption key");
	}

	@Test
	void whenNoCallerTokenIsConfiguredThenStartupFailsNamingTheProperty() {
		assertThatException().isThrownBy(() -> start("no-token-" + UUID.randomUUID(), CaAdapterTest.KEK, ""))
			.withStackTraceContaining("no internal caller has a token: set keyward.edge.callers.<caller>.tokens");
	}

}
