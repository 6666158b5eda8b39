package io.keyward.standalone;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.keyward.admin.AdminUiApplication;
import io.keyward.api.secret.KeyEncryptionKey;
import io.keyward.api.secret.SecretFiles;
import io.keyward.ca.CaAdapterApplication;
import io.keyward.challenge.ChallengeServiceApplication;
import io.keyward.gateway.ScepGatewayApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The four Keyward services and an embedded PostgreSQL in one JVM: each service is its
 * own Spring application on its own port and calls the others over real HTTP on loopback
 * with the same REST clients it uses in production.
 */
public final class KeywardSuite implements AutoCloseable {

	private final StandaloneSettings settings;

	private final EmbeddedDatabase database;

	private final List<ConfigurableApplicationContext> services = new ArrayList<>();

	private KeywardSuite(StandaloneSettings settings, EmbeddedDatabase database) {
		this.settings = settings;
		this.database = database;
	}

	/**
	 * Start everything; on first start with an empty data directory this creates the
	 * key-encryption key, the internal service token, the CA, the RA certificates, the
	 * admin user and the MDM API client.
	 * @param settings data directory and ports
	 * @param extraProperties more properties for every service (highest precedence)
	 * @param clock the clock every service uses, or null for the system clock (tests move
	 * it)
	 */
	public static KeywardSuite start(StandaloneSettings settings, Map<String, String> extraProperties, Clock clock)
			throws IOException {
		Files.createDirectories(settings.dataDir());
		// Created here, before the services start, so they never race to create it.
		KeyEncryptionKey.load(System.getenv("KEYWARD_KEK"), settings.dataDir());
		String serviceToken = serviceToken(settings.dataDir());
		EmbeddedDatabase database = EmbeddedDatabase.start(settings.dataDir(), settings.databasePort());
		KeywardSuite suite = new KeywardSuite(settings, database);
		try {
			Map<String, String> common = new LinkedHashMap<>();
			common.put("spring.datasource.url", database.jdbcUrl());
			common.put("spring.datasource.username", "postgres");
			common.put("spring.datasource.password", "postgres");
			common.put("keyward.data-dir", settings.dataDir().toString());
			common.put("keyward.security.service-tokens", serviceToken);
			common.put("keyward.gateway.service-token", serviceToken);
			common.put("keyward.admin.service-token", serviceToken);
			String loopback = "http://127.0.0.1:";
			common.put("keyward.gateway.challenge-url", loopback + settings.challengePort());
			common.put("keyward.gateway.ca-url", loopback + settings.caPort());
			common.put("keyward.admin.gateway-url", loopback + settings.gatewayPort());
			common.put("keyward.admin.ca-url", loopback + settings.caPort());
			common.put("spring.main.banner-mode", "off");
			common.putAll(extraProperties);
			suite.run(CaAdapterApplication::application, settings.caPort(), common, clock);
			suite.run(ChallengeServiceApplication::application, settings.challengePort(), common, clock);
			suite.run(ScepGatewayApplication::application, settings.gatewayPort(), common, clock);
			suite.run(AdminUiApplication::application, settings.adminPort(), common, clock);
			return suite;
		}
		catch (RuntimeException | Error ex) {
			suite.close();
			throw ex;
		}
	}

	private void run(Supplier<SpringApplicationBuilder> application, int port, Map<String, String> common,
			Clock clock) {
		List<String> args = new ArrayList<>();
		args.add("--server.port=" + port);
		common.forEach((name, value) -> args.add("--" + name + "=" + value));
		SpringApplicationBuilder builder = application.get().registerShutdownHook(false);
		// name the service, not this launcher, in its "Starting ..." log line
		builder.main(builder.application().getAllSources().iterator().next() instanceof Class<?> source ? source
				: KeywardSuite.class);
		if (clock != null) {
			builder.initializers((context) -> context.addBeanFactoryPostProcessor(new SharedClock(clock)));
		}
		this.services.add(builder.run(args.toArray(String[]::new)));
	}

	private static String serviceToken(Path dataDir) throws IOException {
		String fromEnvironment = System.getenv("KEYWARD_SERVICE_TOKEN");
		if (fromEnvironment != null && !fromEnvironment.isBlank()) {
			return fromEnvironment.strip();
		}
		Path file = dataDir.resolve("service-token");
		if (!Files.exists(file)) {
			byte[] random = new byte[32];
			new SecureRandom().nextBytes(random);
			SecretFiles.createPrivate(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n");
		}
		return Files.readString(file, StandardCharsets.US_ASCII).strip();
	}

	public StandaloneSettings settings() {
		return this.settings;
	}

	/**
	 * @return the JDBC URL of the embedded database (user and password {@code postgres})
	 */
	public String jdbcUrl() {
		return this.database.jdbcUrl();
	}

	/**
	 * The URLs an operator needs, as printed at start.
	 */
	public String describe() {
		StandaloneSettings s = this.settings;
		return String.join(System.lineSeparator(), "", "Keyward is ready.",
				"  SCEP (profile default): " + s.url(s.gatewayPort()) + "/scep/default",
				"  NDES-compatible path:   " + s.url(s.gatewayPort()) + "/certsrv/mscep/mscep.dll",
				"  Challenge API (MDM):    " + s.url(s.challengePort()) + "/api/v1/challenges",
				"  CA API:                 " + s.url(s.caPort()) + "/api/v1/ca",
				"  Admin dashboard:        " + s.url(s.adminPort()) + "/", "  Data directory:         " + s.dataDir(),
				"  Initial credentials:    " + s.dataDir().resolve("initial-credentials")
						+ " (admin password, MDM API key; created on first start)",
				"");
	}

	@Override
	public void close() {
		for (int i = this.services.size() - 1; i >= 0; i--) {
			this.services.get(i).close();
		}
		this.services.clear();
		try {
			this.database.close();
		}
		catch (IOException ex) {
			System.err.println("event=database_stop_failed " + ex.getMessage());
		}
	}

}
