package io.keyward.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import io.keyward.edge.log.CorrelationIds;
import io.keyward.edge.log.ServiceLogging;
import io.keyward.edge.log.ServiceName;
import io.keyward.admin.AdminUiApplication;
import io.keyward.sealing.KeyEncryptionKey;
import io.keyward.ca.CaAdapterApplication;
import io.keyward.challenge.ChallengeServiceApplication;
import io.keyward.gateway.ScepGatewayApplication;
import io.keyward.sealing.KeyEncryptionKey;
import io.keyward.gateway.scep.CaCertificateChain;
import io.keyward.gateway.tls.HttpsPort;
import io.keyward.gateway.tls.TlsProperties;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The four Keyward services and an embedded PostgreSQL in one JVM: each service is its
 * own Spring application on its own port and calls the others over real HTTP on loopback
 * with the same REST clients it uses in production.
 */
public final class KeywardSuite implements AutoCloseable {

	private final StandaloneSettings settings;

	private final EmbeddedDatabase database;

	private final List<ConfigurableApplicationContext> services = Collections.synchronizedList(new ArrayList<>());

	/** Where the internal APIs listen unless configured otherwise. */
	static final String LOOPBACK = "127.0.0.1";

	private final Map<String, String> common = new LinkedHashMap<>();

	private final Clock clock;

	private volatile ConfigurableApplicationContext gateway;

	private KeywardSuite(StandaloneSettings settings, EmbeddedDatabase database, Clock clock) {
		this.settings = settings;
		this.database = database;
		this.clock = clock;
	}

	/**
	 * Start everything; on first start with an empty data directory this creates the
	 * key-encryption key, one token per internal caller, the CA, the RA certificates, the
	 * admin user and the MDM API client.
	 * @param settings data directory and ports
	 * @param extraProperties more properties for every service (highest precedence)
	 * @param clock the clock every service uses, or null for the system clock (tests move
	 * it)
	 */
	public static KeywardSuite start(StandaloneSettings settings, Map<String, String> extraProperties, Clock clock)
			throws IOException {
		// one JVM, four services: a line no service's thread wrote names the suite
		System.setProperty(ServiceName.JVM_NAME_PROPERTY, ServiceName.UNATTRIBUTED);
		// the database's and the crypto provider's lines in the services' layout
		Runnable logging = ServiceLogging.beforeServices();
		try {
			return start(settings, extraProperties, clock, logging);
		}
		catch (IOException | RuntimeException | Error ex) {
			// a start that failed before its services still hands the logging over: a
			// later service in this JVM sets it up with its own settings
			logging.run();
			throw ex;
		}
	}

	private static KeywardSuite start(StandaloneSettings settings, Map<String, String> extraProperties, Clock clock,
			Runnable logging) throws IOException {
		Files.createDirectories(settings.dataDir());
		CallerTokens callers = CallerTokens.load(settings.dataDir());
		EmbeddedDatabase database = EmbeddedDatabase.start(settings.dataDir(), settings.databasePort());
		KeywardSuite suite = new KeywardSuite(settings, database, clock);
		// SIGTERM, Ctrl+C: the services finish their requests in flight, then the
		// database stops
		database.stopFirst(suite::closeServices);
		try {
			// checked (or, on first start, created) here, before the services start, so
			// they never race to create it and a wrong one stops the start in one line
			KeyEncryptionKeyCheck.beforeServicesStart(database, settings.dataDir());
			Map<String, String> common = suite.common;
			common.put("spring.datasource.url", database.jdbcUrl());
			common.put("spring.datasource.username", EmbeddedDatabase.USER);
			common.put("spring.datasource.password", database.password());
			common.put("keyward.data-dir", settings.dataDir().toString());
			String loopback = "http://127.0.0.1:";
			common.put("keyward.gateway.challenge-url", loopback + settings.challengePort());
			common.put("keyward.gateway.ca-url", loopback + settings.caPort());
			common.put("keyward.challenge.ca.url", loopback + settings.caPort());
			common.put("keyward.ca.events.challenge-url", loopback + settings.challengePort());
			common.put("keyward.admin.gateway-url", loopback + settings.gatewayPort());
			common.put("keyward.admin.ca-url", loopback + settings.caPort());
			common.put("keyward.admin.challenge-url", loopback + settings.challengePort());
			common.put("spring.main.banner-mode", "off");
			// the CRL and OCSP URLs in every issued certificate: the gateway's public
			// address unless KEYWARD_PUBLIC_BASE_URL says otherwise; plain HTTP where it
			// is on (RFC 5280 section 4.2.1.13: relying parties fetch CRLs without TLS,
			// which could itself need the CRL)
			String publicBaseUrl = System.getenv("KEYWARD_PUBLIC_BASE_URL");
			common.put("keyward.ca.public-base-url",
					(publicBaseUrl != null && !publicBaseUrl.isBlank()) ? publicBaseUrl.strip()
							: settings.gatewayHttpEnabled() ? settings.url(settings.gatewayPort())
									: settings.httpsUrl(settings.gatewayHttpsPort()));
			common.putAll(extraProperties);
			callers.configure(common, System.getenv("KEYWARD_GATEWAY_TEMPLATES"));
			// a test may still give a caller other tokens or templates
			common.putAll(extraProperties);
			logging.run();
			suite.startServices(clock);
			return suite;
		}
		catch (RuntimeException | Error ex) {
			suite.close();
			throw ex;
		}
	}

	/**
	 * Starting a Spring application in a fresh JVM is mostly single-threaded class
	 * loading and interpretation, so the services that need nothing from the others at
	 * start (the challenge-service and the admin-ui) start on a second thread next to the
	 * ca-adapter; the gateway, which asks the CA for its RA certificates, starts once the
	 * CA is up. They wait for the ca-adapter's logging set-up: Spring Boot initialises
	 * the JVM-wide logging system in the first application and skips it in the others,
	 * and two at once would race.
	 */
	private void startServices(Clock clock) {
		StandaloneSettings s = this.settings;
		ExecutorService starter = Executors.newFixedThreadPool(3, (task) -> {
			Thread thread = new Thread(task, "keyward-start");
			thread.setDaemon(true);
			return thread;
		});
		List<Future<?>> starting = new ArrayList<>();
		try {
			CompletableFuture<Void> loggingReady = new CompletableFuture<>();
			ApplicationListener<ApplicationEvent> loggingWatch = (event) -> {
				if (event instanceof ApplicationEnvironmentPreparedEvent) {
					loggingReady.complete(null);
				}
			};
			Future<?> ca = starter.submit(() -> {
				try {
					run(() -> CaAdapterApplication.application().listeners(loggingWatch), s.caPort(),
							internal("KEYWARD_CA_ADDRESS"), clock);
				}
				finally {
					loggingReady.complete(null);
				}
			});
			starting.add(ca);
			await(loggingReady);
			Future<?> challenge = starter.submit(() -> run(ChallengeServiceApplication::application, s.challengePort(),
					internal("KEYWARD_CHALLENGE_ADDRESS"), clock));
			starting.add(challenge);
			Future<?> admin = starter
				.submit(() -> run(AdminUiApplication::application, s.adminPort(), this.common, clock));
			starting.add(admin);
			await(ca);
			await(challenge);
			Map<String, String> gateway = gatewayListeners();
			gateway.putAll(this.common);
			this.gateway = run(ScepGatewayApplication::application, s.gatewayPort(), gateway, clock);
			await(admin);
		}
		catch (RuntimeException | Error ex) {
			// let the services still starting finish, so that closing the suite
			// closes them too instead of leaving their web servers running
			settle(starting);
			throw ex;
		}
		finally {
			starter.shutdownNow();
		}
	}

	/**
	 * The properties of a service whose API is internal (the ca-adapter, and the
	 * challenge-service, which only the gateway and the MDM call): it listens on loopback
	 * only unless {@code variable} names another address (for example {@code 0.0.0.0} for
	 * an MDM on another machine).
	 */
	private Map<String, String> internal(String variable) {
		Map<String, String> properties = new LinkedHashMap<>(this.common);
		String address = System.getenv(variable);
		properties.putIfAbsent("server.address", (address != null && !address.isBlank()) ? address.strip() : LOOPBACK);
		return properties;
	}

	private static void settle(List<Future<?>> starting) {
		for (Future<?> start : starting) {
			try {
				start.get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (ExecutionException ex) {
				// the first failure is the one reported; this one is in the log
			}
		}
	}

	private static void await(Future<?> start) {
		try {
			start.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while the services start", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

	/**
	 * Starts one more instance of a service on another port, against the same database,
	 * data directory, caller tokens and key-encryption key as the suite's own instance:
	 * what a second replica behind a load balancer would be. It calls the suite's
	 * challenge-service and ca-adapter unless {@code overrides} say otherwise (e.g.
	 * {@code keyward.gateway.challenge-url} pointing at a challenge-service replica). The
	 * replica stops with the suite, or earlier when its context is closed.
	 * @param service scep-gateway, challenge-service, ca-adapter or admin-ui
	 * @param port its HTTP port
	 * @param overrides properties that differ for this replica (highest precedence)
	 * @return the replica's application context
	 */
	public ConfigurableApplicationContext startReplica(String service, int port, Map<String, String> overrides) {
		Supplier<SpringApplicationBuilder> application = switch (service) {
			case "scep-gateway" -> ScepGatewayApplication::application;
			case "challenge-service" -> ChallengeServiceApplication::application;
			case "ca-adapter" -> CaAdapterApplication::application;
			case "admin-ui" -> AdminUiApplication::application;
			default -> throw new IllegalArgumentException("unknown service " + service);
		};
		Map<String, String> properties = switch (service) {
			case "challenge-service" -> internal("KEYWARD_CHALLENGE_ADDRESS");
			case "ca-adapter" -> internal("KEYWARD_CA_ADDRESS");
			default -> new LinkedHashMap<>(this.common);
		};
		if ("scep-gateway".equals(service)) {
			// a replica's HTTPS and management listeners on free ports
			properties.put("keyward.gateway.tls.port", "0");
			properties.put("management.server.port", "0");
		}
		properties.putAll(overrides);
		return run(application, port, properties, this.clock);
	}

	/**
	 * The gateway's HTTPS listener (its certificate also names the public host) and its
	 * loopback management listener.
	 */
	private Map<String, String> gatewayListeners() {
		StandaloneSettings s = this.settings;
		Map<String, String> gateway = new LinkedHashMap<>();
		gateway.put("keyward.gateway.tls.port", Integer.toString(s.gatewayHttpsPort()));
		gateway.put("keyward.gateway.tls.http-enabled", Boolean.toString(s.gatewayHttpEnabled()));
		gateway.put("management.server.port", Integer.toString(s.gatewayManagementPort()));
		String hostNames = System.getenv("KEYWARD_GATEWAY_TLS_HOST_NAMES");
		if (hostNames == null || hostNames.isBlank()) {
			Set<String> names = new LinkedHashSet<>();
			names.add(s.host());
			names.addAll(TlsProperties.defaultNames());
			gateway.put("keyward.gateway.tls.host-names", String.join(",", names));
		}
		return gateway;
	}

	/**
	 * {@link #startReplica(String, int, Map)} with the suite's own properties.
	 * @param service scep-gateway, challenge-service, ca-adapter or admin-ui
	 * @param port its HTTP port
	 * @return the replica's application context
	 */
	public ConfigurableApplicationContext startReplica(String service, int port) {
		return startReplica(service, port, Map.of());
	}

	private ConfigurableApplicationContext run(Supplier<SpringApplicationBuilder> application, int port,
			Map<String, String> common, Clock clock) {
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
		ConfigurableApplicationContext context = builder.run(args.toArray(String[]::new));
		this.services.add(context);
		return context;
	}

	/**
	 * @param name a service's {@code spring.application.name}, e.g. challenge-service
	 * @return its first running instance
	 */
	ConfigurableApplicationContext service(String name) {
		synchronized (this.services) {
			return this.services.stream()
				.filter((context) -> name.equals(context.getEnvironment().getProperty("spring.application.name")))
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException("no running " + name));
		}
	}

	public StandaloneSettings settings() {
		return this.settings;
	}

	/**
	 * @return the JDBC URL of the embedded database (user {@code postgres}, password
	 * {@link #databasePassword()})
	 */
	public String jdbcUrl() {
		return this.database.jdbcUrl();
	}

	/**
	 * @return the port the gateway's HTTPS listener opened
	 */
	public int gatewayHttpsPort() {
		return this.gateway.getBean(HttpsPort.class).port();
	}

	/**
	 * @return the port the gateway's management listener (metrics) opened; the HTTP port
	 * when it is configured to be the same
	 */
	public int gatewayManagementPort() {
		return this.gateway.getEnvironment()
			.getProperty("local.management.port", Integer.class, this.settings.gatewayPort());
	}

	/**
	 * @return the fingerprints of the CA that issues device certificates, as an MDM
	 * profile pins it
	 */
	CaFingerprints caFingerprints() {
		return CaFingerprints.of(caCertificate());
	}

	/**
	 * @return the CA certificate GetCACert serves
	 */
	X509Certificate caCertificate() {
		return this.gateway.getBean(CaCertificateChain.class)
			.certificates()
			.stream()
			.filter((certificate) -> certificate.getBasicConstraints() >= 0)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("GetCACert holds no CA certificate"));
	}

	/**
	 * @return the password of the embedded database, from
	 * {@code <data-dir>/postgres-password}
	 */
	public String databasePassword() {
		return this.database.password();
	}

	/**
	 * The URLs and the CA fingerprint an operator needs, as printed at start.
	 */
	public String describe() {
		StandaloneSettings s = this.settings;
		// HTTPS unless KEYWARD_GATEWAY_TLS_ENABLED=false (TLS ends at a proxy in front)
		String https = (gatewayHttpsPort() > 0) ? s.httpsUrl(gatewayHttpsPort()) : s.url(s.gatewayPort());
		CaFingerprints ca = caFingerprints();
		return String.join(System.lineSeparator(), "", "Keyward is ready.",
				"  SCEP (profile default): " + https + "/scep/default",
				"  NDES-compatible path:   " + https + "/certsrv/mscep/mscep.dll",
				"  NDES challenge page:    " + https
						+ "/certsrv/mscep_admin/ (Basic auth: an MDM client's name and key, e.g. bootstrap)",
				"  Plain HTTP (SCEP, CRL): "
						+ (s.gatewayHttpEnabled() ? s.url(s.gatewayPort()) + "/certsrv/mscep/mscep.dll" : "off"),
				"  CA for MDM profiles:    " + ca.subject(), "    SHA-256:              " + ca.sha256(),
				"    SHA-1 thumbprint:     " + ca.sha1(), "    MD5 thumbprint:       " + ca.md5(),
				"  Gateway metrics:        http://127.0.0.1:" + gatewayManagementPort()
						+ "/actuator/prometheus (loopback only)",
				"  Challenge API (MDM):    " + s.url(s.challengePort()) + "/api/v1/challenges",
				"  CA API:                 " + s.url(s.caPort()) + "/api/v1/ca",
				"  Admin dashboard:        " + s.url(s.adminPort()) + "/",
				"  Admin API:              " + s.url(s.adminPort()) + "/api/v1 (docs/api/admin-ui.md)",
				"  Data directory:         " + s.dataDir(),
				"  Initial credentials:    " + s.dataDir().resolve("initial-credentials")
						+ " (admin password, MDM API key, admin API token; created on first start)",
				"");
	}

	@Override
	public void close() {
		// the services (stopFirst), then the database
		this.database.stop();
	}

	/**
	 * Closes the services one at a time, newest first, each while the closing thread
	 * names it: its lines of shutdown (the web server's graceful stop, also on Tomcat's
	 * own shutdown thread, the connection pool) name the service, not the suite.
	 */
	private void closeServices() {
		for (int i = this.services.size() - 1; i >= 0; i--) {
			ConfigurableApplicationContext service = this.services.get(i);
			try (CorrelationIds.Scope named = ServiceName
				.closing(service.getEnvironment().getProperty("spring.application.name"))) {
				// closing twice is harmless: a replica may have been stopped already
				service.close();
			}
		}
		this.services.clear();
	}

}
