package io.keyward.challenge.onetime;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.keyward.challenge.IntegrationTestSupport;
import io.keyward.testsupport.ScratchSchema;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16: the admin lists a client's outstanding challenges sorted by minted or expiry
 * time either way, filtered by profile, a keyset page at a time in SQL (V17's indexes);
 * an unknown order, a cursor that names no challenge of the client or a limit out of
 * range is a 400 problem, never a 500.
 */
class ChallengeListOrderTests extends IntegrationTestSupport {

	private static final String CHALLENGES = "/internal/v1/challenges";

	@Autowired
	DataSource dataSource;

	private long client;

	/** The ids minted, in minting order; the expiry order is b, d, a, c. */
	private List<Object> minted;

	@BeforeEach
	void fourChallenges() {
		this.client = apiClient("list-order", "kw_list-order-test-key-0123456789abcdefghijklm",
				"challenge:mint challenge:list", "default vpn", 0);
		List<String> profiles = List.of("vpn", "default", "vpn", "vpn");
		this.minted = profiles.stream().map((profile) -> {
			this.clock.advance(Duration.ofSeconds(1));
			return call(CHALLENGES, HttpStatus.CREATED,
					"{\"client\":" + this.client + ",\"profile\":\"" + profile + "\"}")
				.get("id");
		}).toList();
		int[] minutes = { 30, 10, 40, 20 };
		for (int i = 0; i < minutes.length; i++) {
			this.jdbc.update("update challenge.challenge set expires_at = created_at + make_interval(mins => ?) "
					+ "where public_id = ?::uuid", minutes[i], this.minted.get(i).toString());
		}
	}

	@Test
	void whenSortedByMintedOrExpiryEitherWayThenEveryPageFollowsThatOrder() {
		assertThat(all("created:asc", 3)).containsExactly(id(0), id(1), id(2), id(3));
		assertThat(all("created:desc", 3)).containsExactly(id(3), id(2), id(1), id(0));
		assertThat(all("expires:asc", 1)).containsExactly(id(1), id(3), id(0), id(2));
		assertThat(all("expires:desc", 2)).containsExactly(id(2), id(0), id(3), id(1));
		assertThat(all("expires", 4)).as("no direction is ascending").containsExactly(id(1), id(3), id(0), id(2));
	}

	@Test
	void whenFilteredByProfileThenOnlyItsChallengesInOrderAndARedeemedOneLeaves() {
		assertThat(all("expires:asc&profile=vpn", 2)).containsExactly(id(3), id(0), id(2));
		this.jdbc.update("update challenge.challenge set redeemed_at = now(), transaction_id = 'TX-LIST' "
				+ "where public_id = ?::uuid", id(3).toString());
		assertThat(all("expires:asc&profile=vpn", 1)).containsExactly(id(0), id(2));
		assertThat(all("created:desc&profile=default", 5)).containsExactly(id(1));
	}

	@Test
	void whenThePreviousPagesLastChallengeIsRedeemedThenTheNextPageStillStartsAfterIt() {
		Map<String, Object> first = list("&sort=created:asc&limit=2");
		this.jdbc.update("update challenge.challenge set redeemed_at = now(), transaction_id = 'TX-GONE' "
				+ "where public_id = ?::uuid", first.get("next").toString());
		assertThat(ids(list("&sort=created:asc&limit=2&after=" + first.get("next")))).containsExactly(id(2), id(3));
	}

	@Test
	void whenTheOrderCursorOrLimitIsWrongThenBadRequestProblem() {
		String otherClients = call(CHALLENGES, HttpStatus.CREATED, "{\"client\":" + apiClient("list-order-other",
				"kw_list-order-other-key-0123456789abcdefghij", "challenge:mint", null, 0) + "}")
			.get("id")
			.toString();
		for (String query : new String[] { "&sort=subject", "&sort=created:sideways", "&sort=created&after=nope",
				"&sort=created&after=" + otherClients, "&sort=expires:desc&limit=0", "&sort=created&limit=501",
				"&sort=created%3Bdrop" }) {
			ResponseEntity<Map<String, Object>> refused = getAsAdminUi(CHALLENGES + "?client=" + this.client + query,
					HttpStatus.BAD_REQUEST);
			assertThat(refused.getHeaders().getContentType()).as(query).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(refused.getBody()).as(query).containsKey("detail");
		}
	}

	@Test
	void whenV16HeldChallengesThenV17IndexesThemAndTheSortedListUsesTheIndex() throws Exception {
		try (ScratchSchema scratch = ScratchSchema.of(this.dataSource, "challenge").migrate("16")) {
			String schema = scratch.name();
			this.jdbc.update("insert into " + schema + ".api_client (name, scopes, created_at) "
					+ "values ('v16', 'challenge:mint', now())");
			this.jdbc.update("insert into " + schema + ".challenge (challenge_hash, profile, template, created_at, "
					+ "expires_at, api_client_id) select sha256(uuid_send(gen_random_uuid())), 'default', 'default', "
					+ "now() - make_interval(secs => n), now() + make_interval(mins => n), (select id from " + schema
					+ ".api_client) from generate_series(1, 2000) n");
			scratch.migrate();
			assertThat(this.jdbc.queryForObject("select count(*) from " + schema + ".challenge where transaction_id "
					+ "is null and revoked_at is null and refused_at is null", Integer.class))
				.isEqualTo(2000);
			this.jdbc.execute("analyze " + schema + ".challenge");
			for (String sort : new String[] { "created:desc", "expires:asc" }) {
				ChallengeOrder order = ChallengeOrder.parse(sort);
				String plan = String.join("\n", this.jdbc.queryForList("explain select * from " + schema
						+ ".challenge where api_client_id = (select id from " + schema + ".api_client) and "
						+ "transaction_id is null and revoked_at is null and refused_at is null and "
						+ "expires_at > ? and " + order.after().replace(":cursorTime", "?").replace(":cursorId", "?")
						+ order.orderBy() + " limit 50", String.class, OffsetDateTime.now(ZoneOffset.UTC),
						OffsetDateTime.now(ZoneOffset.UTC), 1000L));
				assertThat(plan).as(sort)
					.contains(sort.startsWith("created") ? "challenge_open_by_created" : "challenge_open_by_expiry")
					.doesNotContain("Sort");
			}
		}
	}

	private Object id(int index) {
		return this.minted.get(index);
	}

	/** Every outstanding challenge of the client, page by page. */
	private List<Object> all(String sort, int limit) {
		List<Object> ids = new java.util.ArrayList<>();
		Object after = null;
		do {
			Map<String, Object> page = list(
					"&state=outstanding&sort=" + sort + "&limit=" + limit + ((after != null) ? "&after=" + after : ""));
			ids.addAll(ids(page));
			after = page.get("next");
		}
		while (after != null);
		return ids;
	}

	private Map<String, Object> list(String query) {
		return getAsAdminUi(CHALLENGES + "?client=" + this.client + query, HttpStatus.OK).getBody();
	}

	private static List<Object> ids(Map<String, Object> page) {
		return ((List<?>) page.get("items")).stream().<Object>map((item) -> ((Map<?, ?>) item).get("id")).toList();
	}

	private Map<String, Object> call(String path, HttpStatusCode expected, String body) {
		ResponseEntity<Map<String, Object>> response = this.http.post()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_UI_TOKEN)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.toEntity(JSON);
		assertThat(response.getStatusCode()).isEqualTo(expected);
		return response.getBody();
	}

}
