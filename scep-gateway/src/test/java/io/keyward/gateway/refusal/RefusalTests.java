package io.keyward.gateway.refusal;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.keyward.gateway.AbstractGatewayTests;
import io.keyward.gateway.FakeUpstreams;
import io.keyward.gateway.TestDevice;
import io.keyward.gateway.transaction.V12__SealTransactionCsrs;
import io.keyward.scep.FailInfo;
import io.keyward.scep.client.CertRepResponse;
import io.keyward.testsupport.ScratchSchema;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests refused before a transaction is recorded are kept, bounded, with their reason,
 * and listed to the admin-ui only (issue 16).
 */
class RefusalTests extends AbstractGatewayTests {

	@Autowired
	RefusalLog refusals;

	@Autowired
	DataSource dataSource;

	@Autowired
	V12__SealTransactionCsrs v12;

	@BeforeEach
	void noRefusals() {
		this.jdbc.update("delete from gateway.refusal");
	}

	@Test
	void whenAPkcsReqHasNoChallengeThenTheRefusalIsListedWithItsReason() throws Exception {
		TestDevice device = new TestDevice("refused-no-challenge");
		String transactionId = TestDevice.newTransactionId();

		CertRepResponse refused = device.read(
				pkiOperation("/scep/default",
						device.pkcsReq(device.csr(null), ra().encryptionCertificate(), transactionId)),
				ra().signingCertificate());

		assertThat(refused.failInfo()).isEqualTo(FailInfo.BAD_REQUEST);
		assertThat(rowsFor(transactionId)).as("no transaction recorded").isZero();
		assertThat(listed()).contains("\"transactionId\":\"" + transactionId + "\"")
			.contains("\"profile\":\"default\"")
			.contains("\"messageType\":\"PKCSReq\"")
			.contains("\"failInfo\":\"badRequest\"")
			.contains("\"reason\":\"challengePassword missing\"");
	}

	@Test
	void whenTheProfileIsUnknownOrTheMessageDoesNotParseThenBothAreListed() throws Exception {
		assertThat(get("/scep/no-such-profile?operation=GetCACaps").statusCode()).isEqualTo(404);
		assertThat(post("/scep/default?operation=PKIOperation", "not DER".getBytes(StandardCharsets.US_ASCII))
			.statusCode()).isEqualTo(400);

		assertThat(listed()).contains("\"profile\":\"no-such-profile\"")
			.contains("\"failInfo\":\"http404\"")
			.contains("\"reason\":\"unknown SCEP profile\"")
			.contains("\"messageType\":\"GetCACaps\"")
			.contains("\"failInfo\":\"http400\"")
			.contains("malformed SCEP message");
	}

	@Test
	void whenAClientSendsHugeOrControlTextThenItIsCappedAndPrintable() {
		this.refusals.record("p".repeat(1000), "t\u0000".repeat(500), "x".repeat(100), "badRequest",
				"r\n".repeat(5000));

		Map<String, Object> row = this.jdbc.queryForMap("select * from gateway.refusal");
		assertThat((String) row.get("profile")).hasSize(RefusalLog.MAX_PROFILE);
		assertThat((String) row.get("transaction_id")).hasSize(RefusalLog.MAX_TRANSACTION_ID).doesNotContain("\u0000");
		assertThat((String) row.get("reason")).hasSizeLessThanOrEqualTo(RefusalLog.MAX_REASON).doesNotContain("\n");
	}

	@Test
	void whenPurgedThenOnlyTheNewestRowsWithinTheAgeRemain() {
		RefusalPurge purge = new RefusalPurge(JdbcClient.create(this.dataSource), this.clock,
				new RefusalRetention(3, Duration.ofDays(1), Duration.ofMinutes(5)), new SimpleMeterRegistry(),
				this.refusals);
		this.clock.set(this.clock.instant().minus(Duration.ofDays(2)));
		this.refusals.record("old", null, null, "http404", "old");
		this.clock.reset();
		for (int i = 0; i < 5; i++) {
			this.refusals.record("new-" + i, null, null, "http404", "new");
		}

		int dropped = purge.purge();

		assertThat(dropped).isEqualTo(3);
		assertThat(this.jdbc.queryForList("select profile from gateway.refusal order by id", String.class))
			.containsExactly("new-2", "new-3", "new-4");
	}

	@Test
	void whenRefusalsFloodInBetweenTwoPurgesThenOnlyMaxRowsAreWrittenAndTheRestCounted() {
		RefusalRetention retention = new RefusalRetention(2, Duration.ofDays(1), Duration.ofMinutes(5));
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		RefusalLog log = new RefusalLog(JdbcClient.create(this.dataSource), this.clock, meters, retention);
		String flood = "flood-" + System.nanoTime();
		for (int i = 0; i < 5; i++) {
			log.record(flood, null, null, "http404", "flood");
		}

		assertThat(rows(flood)).isEqualTo(2);
		assertThat(meters.counter("keyward.gateway.refusals.unrecorded").count()).isEqualTo(3.0);
		assertThat(meters.counter("keyward.gateway.refusals", "failInfo", "http404").count()).isEqualTo(5.0);

		new RefusalPurge(JdbcClient.create(this.dataSource), this.clock,
				new RefusalRetention(10_000, Duration.ofDays(1), Duration.ofMinutes(5)), meters, log)
			.purge();
		log.record(flood, null, null, "http404", "flood");

		assertThat(rows(flood)).isEqualTo(3);
	}

	private Integer rows(String profile) {
		return this.jdbc.queryForObject("select count(*) from gateway.refusal where profile = ?", Integer.class,
				profile);
	}

	@Test
	void whenV17RowsExistThenV18AddsAnEmptyRefusalTableAndKeepsThem() throws Exception {
		try (ScratchSchema scratch = ScratchSchema.of(this.dataSource, "gateway")
			.withJavaMigrations(this.v12)
			.migrate("17")) {
			String schema = scratch.name();
			this.jdbc.update("insert into " + schema + ".transaction (id, profile, transaction_id, message_type, "
					+ "signer_key_sha256, csr_sha256, subject, status, created_at, updated_at) "
					+ "values (gen_random_uuid(), 'default', 'TX-V17', 'PKCSReq', 'aa', 'bb', 'CN=v17', 'ISSUED', "
					+ "now(), now())");

			scratch.migrate();

			assertThat(this.jdbc.queryForObject("select count(*) from " + schema + ".refusal", Integer.class)).isZero();
			assertThat(this.jdbc.queryForObject("select status from " + schema + ".transaction", String.class))
				.isEqualTo("ISSUED");
		}
	}

	@Test
	void whenAnotherCallerAsksForRefusalsThenUnauthorized() throws Exception {
		for (String token : new String[] { FakeUpstreams.SERVICE_TOKEN, null }) {
			HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1/refusals")).GET();
			if (token != null) {
				request.header("Authorization", "Bearer " + token);
			}
			assertThat(this.http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode())
				.isEqualTo(401);
		}
	}

	@Test
	void whenFilteredAndSortedThenThePageHoldsOnlyTheMatchesInThatOrder() throws Exception {
		this.refusals.record("ios", "T-1", "PKCSReq", "badRequest", "challengePassword missing");
		this.clock.set(this.clock.instant().plusSeconds(1));
		this.refusals.record("macos", "T-2", "PKCSReq", "badMessageCheck", "signature does not verify");
		this.clock.set(this.clock.instant().plusSeconds(1));
		this.refusals.record("ios", "T-3", "GetCACaps", "http404", "unknown SCEP profile");
		this.clock.set(this.clock.instant().plusSeconds(1));
		this.refusals.record("ios", "T-4", "PKCSReq", "badRequest", "CSR does not parse");
		this.clock.reset();

		assertThat(ids("")).containsExactly("T-4", "T-3", "T-2", "T-1");
		assertThat(ids("&sort=time:asc")).containsExactly("T-1", "T-2", "T-3", "T-4");
		assertThat(ids("&profile=ios")).containsExactly("T-4", "T-3", "T-1");
		assertThat(ids("&failInfo=badRequest&sort=time:asc")).containsExactly("T-1", "T-4");
		assertThat(ids("&q=SIGNATURE")).as("any case, in the reason").containsExactly("T-2");
		assertThat(ids("&q=t-3")).as("in the transactionID").containsExactly("T-3");
		assertThat(ids("&sort=failInfo:asc")).as("by failInfo, ties newest first")
			.containsExactly("T-2", "T-4", "T-1", "T-3");
		assertThat(ids("&sort=profile:desc")).containsExactly("T-2", "T-4", "T-3", "T-1");
		assertThat(listed("&profile=ios&size=2")).contains("\"total\":3")
			.contains("\"profiles\":[\"ios\",\"macos\"]")
			.contains("\"failInfos\":[\"badMessageCheck\",\"badRequest\",\"http404\"]");
		assertThat(ids("&profile=ios&size=2&page=1")).containsExactly("T-1");
	}

	@Test
	void whenTheOrderIsNotOfferedOrAFilterTooLongThenA400Problem() throws Exception {
		for (String query : new String[] { "sort=id", "sort=time;drop%20table%20refusal", "sort=time:sideways",
				"q=" + "x".repeat(RefusalFilter.MAX_TEXT + 1) }) {
			HttpResponse<String> answer = this.http.send(HttpRequest.newBuilder(uri("/api/v1/refusals?" + query))
				.header("Authorization", "Bearer " + ADMIN_TOKEN)
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(answer.statusCode()).as(query).isEqualTo(400);
			assertThat(answer.headers().firstValue("Content-Type")).as(query).hasValue("application/problem+json");
		}
	}

	private List<String> ids(String query) throws Exception {
		return JsonMapper.builder()
			.build()
			.readTree(listed(query))
			.get("items")
			.valueStream()
			.map((item) -> item.get("transactionId").asString())
			.toList();
	}

	private String listed() throws Exception {
		return listed("");
	}

	private String listed(String query) throws Exception {
		String size = query.contains("size=") ? "" : "&size=50";
		HttpResponse<String> answer = this.http
			.send(HttpRequest.newBuilder(uri("/api/v1/refusals?from=test" + size + query))
				.header("Authorization", "Bearer " + ADMIN_TOKEN)
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).isEqualTo(200);
		return answer.body();
	}

}
