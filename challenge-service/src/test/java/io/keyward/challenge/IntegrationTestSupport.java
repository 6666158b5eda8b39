package io.keyward.challenge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.keyward.testsupport.MutableClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.search.Search;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.keyward.api.challenge.MintedChallenge;
import io.keyward.api.challenge.RedemptionRequest;
import io.keyward.api.challenge.RedemptionResult;
import io.keyward.testsupport.PostgresTestConfiguration;
import io.keyward.testsupport.WebhookReceiver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One running challenge-service (random port, real PostgreSQL) shared by the integration
 * tests, called over real HTTP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "spring.config.name=challenge-service",
		"keyward.data-dir=target/test-data", "keyward.challenge.hmac-key=" + IntegrationTestSupport.HMAC_KEY,
		"keyward.edge.callers.gateway.tokens=unused-old-token-0123456789," + IntegrationTestSupport.SERVICE_TOKEN,
		"keyward.edge.callers.admin-ui.tokens=" + IntegrationTestSupport.ADMIN_UI_TOKEN,
		"keyward.edge.callers.ca-adapter.tokens=" + IntegrationTestSupport.CA_ADAPTER_TOKEN,
		"keyward.challenge.webhooks.mdm.secret=" + IntegrationTestSupport.WEBHOOK_SECRET,
		"keyward.challenge.webhooks.siem.secret=" + IntegrationTestSupport.WEBHOOK_SECRET,
		"keyward.challenge.webhooks.siem.events=REVOKED,EXPIRING",
		// the tests drive the deliverer themselves, with the moved clock
		"keyward.challenge.webhook-delivery.interval=1h", "keyward.challenge.webhook-delivery.max-attempts=3",
		"keyward.challenge.bootstrap-api-key=" + IntegrationTestSupport.API_KEY,
		"keyward.challenge.profiles.vpn.template=vpn-user", "keyward.challenge.profiles.tiny.max-outstanding=2",
		"keyward.challenge.profiles.ndes.max-outstanding=5", "keyward.challenge.dialects.ndes-profile=ndes",
		"keyward.challenge.profiles.kiosk.template=kiosk", "keyward.challenge.profiles.shared.use-single-password=true",
		"keyward.challenge.profiles.shared.validity=10m",
		"keyward.challenge.profiles.kiosk.static-challenge=" + IntegrationTestSupport.KIOSK_STATIC_CHALLENGE })
@Import({ PostgresTestConfiguration.class, TestClockConfiguration.class, EventRecorder.class })
public abstract class IntegrationTestSupport {

	/**
	 * The challenge HMAC key: what the standalone suite derives from the KEK of base64
	 * bytes 0..31 (the KEK these tests used before the service stopped seeing the KEK).
	 */
	public static final String HMAC_KEY = "ROomEAlx4c6lm5J/c3BBKoktdh3uGRo/cAAx1KAHdR4=";

	/** The gateway's token (with the production scope, challenge-service.yml). */
	public static final String SERVICE_TOKEN = "test-service-token-0123456789abcdef";

	/** A known caller without the redeem scope. */
	public static final String ADMIN_UI_TOKEN = "admin-ui-test-token-0123456789abcdef";

	/** The ca-adapter's token (it may publish events, nothing else). */
	public static final String CA_ADAPTER_TOKEN = "ca-adapter-test-token-0123456789abcdef";

	/** The secret of both test webhooks ({@code mdm}: every event, {@code siem}: two). */
	public static final String WEBHOOK_SECRET = "whsec-test-0123456789abcdef";

	/**
	 * The receiver of both webhooks, one per test JVM like the application context; tests
	 * that count deliveries use their own events' ids.
	 */
	protected static final WebhookReceiver RECEIVER = receiver();

	/** The static challenge of the profile {@code kiosk}. */
	public static final String KIOSK_STATIC_CHALLENGE = "Kiosk-Static-Secret-0123456789";

	public static final String API_KEY = "kw_TestBootstrapKey-0123456789abcdefghijklmnopq";

	protected static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@DynamicPropertySource
	static void webhookUrls(DynamicPropertyRegistry registry) {
		registry.add("keyward.challenge.webhooks.mdm.url", RECEIVER::url);
		registry.add("keyward.challenge.webhooks.siem.url", RECEIVER::url);
	}

	private static WebhookReceiver receiver() {
		try {
			return new WebhookReceiver(WEBHOOK_SECRET);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@LocalServerPort
	protected int port;

	@Autowired
	protected MutableClock clock;

	@Autowired
	protected JdbcTemplate jdbc;

	protected RestClient http;

	@BeforeEach
	protected void startClient() {
		this.clock.reset();
		this.http = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port)
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			})
			.build();
	}

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	protected ResponseEntity<Map<String, Object>> post(String path, String token, String jsonBody) {
		return this.http.post()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.body(jsonBody)
			.retrieve()
			.toEntity(JSON);
	}

	/**
	 * GET as the admin-ui, checking the status.
	 */
	protected ResponseEntity<Map<String, Object>> getAsAdminUi(String path, HttpStatusCode expected) {
		ResponseEntity<Map<String, Object>> response = this.http.get()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_UI_TOKEN)
			.retrieve()
			.toEntity(JSON);
		assertThat(response.getStatusCode()).as(path).isEqualTo(expected);
		return response;
	}

	/**
	 * A test's own MDM API client with one key, replacing one of that name a previous run
	 * left (with its challenges).
	 * @param scopes space-separated
	 * @param profiles space-separated, null for every profile
	 * @return its id
	 */
	protected long apiClient(String name, String key, String scopes, String profiles, int maxOutstanding) {
		forgetApiClient(name);
		Long id = this.jdbc.queryForObject("""
				insert into challenge.api_client (name, scopes, profiles, max_outstanding, created_at)
				values (?, ?, ?, ?, now()) returning id""", Long.class, name, scopes, profiles, maxOutstanding);
		this.jdbc.update("""
				insert into challenge.api_client_key (api_client_id, label, key_hash, created_at)
				values (?, 'test', encode(sha256(convert_to(?, 'UTF8')), 'hex'), now())""", id, key);
		return id;
	}

	protected void forgetApiClient(String name) {
		for (String table : new String[] { "challenge", "api_client_key" }) {
			this.jdbc.update("delete from challenge." + table
					+ " where api_client_id in (select id from challenge.api_client where name = ?)", name);
		}
		this.jdbc.update("delete from challenge.api_client where name = ?", name);
	}

	protected MintedChallenge mint(String profile) {
		ResponseEntity<MintedChallenge> response = this.http.post()
			.uri("/api/v1/challenges")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + API_KEY)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("profile", profile))
			.retrieve()
			.toEntity(MintedChallenge.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		return response.getBody();
	}

	protected RedemptionResult redeem(String challenge, String profile, String transactionId, String publicKeySha256) {
		return call("/internal/v1/redemptions", new RedemptionRequest(challenge, profile, transactionId,
				"CN=device-1,O=Keyward", List.of("dns:device-1.example"), publicKeySha256));
	}

	/**
	 * @param path the redemption or its preview
	 * @return the answer, which must be 200
	 */
	protected RedemptionResult call(String path, RedemptionRequest request) {
		ResponseEntity<RedemptionResult> response = this.http.post()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + SERVICE_TOKEN)
			.contentType(MediaType.APPLICATION_JSON)
			.body(request)
			.retrieve()
			.toEntity(RedemptionResult.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		return response.getBody();
	}

	protected RedemptionResult redeem(String challenge, String profile) {
		return redeem(challenge, profile, newTransactionId(), publicKeySha256());
	}

	protected static String newTransactionId() {
		return UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
	}

	protected static String publicKeySha256() {
		return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
	}

	/**
	 * @return how often the meter with these tags counted (a counter's count, a timer's
	 * calls); 0 before it was first used
	 */
	protected static double counted(MeterRegistry meters, String name, String... tags) {
		Search search = meters.find(name).tags(tags);
		Counter counter = search.counter();
		if (counter != null) {
			return counter.count();
		}
		Timer timer = search.timer();
		return (timer != null) ? timer.count() : 0;
	}

}
