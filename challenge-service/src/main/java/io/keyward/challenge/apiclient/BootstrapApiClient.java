package io.keyward.challenge.apiclient;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.keyward.sealing.SecretFiles;
import io.keyward.challenge.profile.ChallengeProperties;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * On first start (no MDM API client exists yet) creates the client {@code bootstrap}, so
 * that an operator can call the MDM API straight away. Its key comes from
 * {@code keyward.challenge.bootstrap-api-key} or is generated; a generated key is printed
 * once to standard output and appended to {@code <data-dir>/initial-credentials} (mode
 * 0600), never logged. A restart, or a second instance racing the first, creates nothing:
 * the insert is {@code ON CONFLICT DO NOTHING} on the unique client name.
 */
@Component
class BootstrapApiClient implements ApplicationRunner {

	static final String NAME = "bootstrap";

	private static final Logger log = LoggerFactory.getLogger(BootstrapApiClient.class);

	private final ApiClientRepository clients;

	private final ChallengeProperties properties;

	private final Path dataDir;

	private final Clock clock;

	private final PrintStream console;

	BootstrapApiClient(ApiClientRepository clients, ChallengeProperties properties,
			@Value("${keyward.data-dir}") Path dataDir, Clock clock) {
		this.clients = clients;
		this.properties = properties;
		this.dataDir = dataDir;
		this.clock = clock;
		this.console = System.out;
	}

	@Override
	public void run(ApplicationArguments args) {
		String configured = this.properties.bootstrapApiKey();
		boolean generated = configured == null || configured.isBlank();
		if (this.clients.count() > 0) {
			if (!generated && this.clients.findByKeyHash(ApiKeys.digest(configured.strip())).isEmpty()) {
				// docker-compose always sets the variable: say why the key it names is
				// refused
				log.warn(
						"event=bootstrap_api_key_ignored reason=api_clients_exist detail=\"keyward.challenge.bootstrap-api-key "
								+ "is used only on the first start; it matches no existing API client\"");
			}
			return;
		}
		String key = generated ? ApiKeys.generate() : configured.strip();
		int created = this.clients.insertIfAbsent(NAME, ApiKeys.digest(key), ApiScopes.ALL, this.clock.instant());
		if (created == 0) {
			log.info("event=api_client_bootstrap_skipped reason=created_by_another_instance");
			return;
		}
		log.info("event=api_client_bootstrapped name={} scopes=\"{}\" keySource={}", NAME, ApiScopes.ALL,
				generated ? "generated" : "keyward.challenge.bootstrap-api-key");
		if (generated) {
			handOver(key);
		}
	}

	private void handOver(String key) {
		Path file = this.dataDir.resolve("initial-credentials").toAbsolutePath();
		this.console.println("""

				================================================================================
				 Keyward challenge-service: MDM API key of the API client 'bootstrap'
				 (shown once; also saved to %s)

				   %s

				 Use it as 'Authorization: Bearer <key>' on POST /api/v1/challenges.
				================================================================================
				""".formatted(file, key));
		try {
			SecretFiles.appendInitialCredential(this.dataDir, "mdm-api-key=" + key);
		}
		catch (IOException ex) {
			log.warn("event=initial_credentials_not_written file={} cause={}", file, ex.toString());
		}
	}

}
