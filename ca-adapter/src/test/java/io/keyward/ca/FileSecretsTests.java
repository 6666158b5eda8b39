package io.keyward.ca;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.keyward.api.ca.CaCertificates;
import io.keyward.api.ca.CertificateAuthorityClient;
import io.keyward.edge.caller.ServiceClients;
import io.keyward.testsupport.PostgresTestConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets can come from files named after their variable (Docker and Kubernetes secrets)
 * in {@code KEYWARD_SECRETS_DIR}: here the gateway's token and the KEK are only in files.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=ca-adapter", "KEYWARD_SECRETS_DIR=target/file-secrets",
				"keyward.data-dir=target/file-secrets-data" })
@Import(PostgresTestConfiguration.class)
class FileSecretsTests {

	static final String TOKEN = "token-from-a-secret-file-0123456789";

	static {
		try {
			Path secrets = Files.createDirectories(Path.of("target/file-secrets"));
			Files.writeString(secrets.resolve("KEYWARD_GATEWAY_TOKEN"), TOKEN);
			Files.writeString(secrets.resolve("KEYWARD_KEK"), CaAdapterTest.KEK);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@LocalServerPort
	int port;

	@Autowired
	RestClient.Builder restClient;

	@Test
	void whenTheServiceTokenIsInASecretFileThenCallersPresentingItAreAccepted() {
		CaCertificates chain = ServiceClients
			.create(this.restClient, "http://127.0.0.1:" + this.port, TOKEN, Duration.ofSeconds(30),
					CertificateAuthorityClient.class)
			.caCertificates();
		assertThat(chain.chainPem()).isNotEmpty();
		assertThat(Path.of("target/file-secrets-data/kek")).as("the KEK came from the file, none was generated")
			.doesNotExist();
	}

}
