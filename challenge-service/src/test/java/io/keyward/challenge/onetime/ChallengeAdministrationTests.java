package io.keyward.challenge.onetime;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.keyward.challenge.IntegrationTestSupport;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16: the admin-ui mints a challenge by hand for an MDM API client, lists its
 * outstanding ones without their secrets and revokes one; nobody else may.
 */
class ChallengeAdministrationTests extends IntegrationTestSupport {

	private static final String CHALLENGES = "/internal/v1/challenges";

	private long client;

	@BeforeEach
	void client() {
		this.client = apiClient("admin-hand", "kw_admin-hand-test-key-0123456789abcdefghijklmnop",
				"challenge:mint challenge:list", "default vpn", 0);
	}

	@Test
	void whenMintedByHandThenItRedeemsOnceAndIsListedWithoutItsSecret() {
		Map<String, Object> minted = mint("{\"client\":" + this.client + ",\"profile\":\"vpn\"}", HttpStatus.CREATED)
			.getBody();
		String challenge = (String) minted.get("challenge");

		assertThat(challenge).as("NDES's length, 8 random bytes").matches("[0-9A-F]{16}");
		assertThat(minted).containsEntry("profile", "vpn").containsKey("expiresAt").containsKey("id");
		List<Map<String, Object>> outstanding = list("&state=outstanding");
		assertThat(outstanding).singleElement().satisfies((item) -> {
			assertThat(item).containsEntry("id", minted.get("id")).containsEntry("profile", "vpn");
			assertThat(item.toString()).doesNotContain(challenge);
		});
		assertThat(redeem(challenge, "vpn").accepted()).isTrue();
		assertThat(list("&state=outstanding")).isEmpty();
		assertThat(redeem(challenge, "vpn").accepted()).isFalse();
	}

	@Test
	void whenListedByProfileThenOnlyThatProfilesChallengesAPageAtATime() {
		Object vpnFirst = mint("{\"client\":" + this.client + ",\"profile\":\"vpn\"}", HttpStatus.CREATED).getBody()
			.get("id");
		mint("{\"client\":" + this.client + ",\"profile\":\"default\"}", HttpStatus.CREATED);
		Object vpnSecond = mint("{\"client\":" + this.client + ",\"profile\":\"vpn\"}", HttpStatus.CREATED).getBody()
			.get("id");

		Map<String, Object> first = call(HttpMethod.GET,
				CHALLENGES + "?client=" + this.client + "&state=outstanding&profile=vpn&limit=1", ADMIN_UI_TOKEN,
				HttpStatus.OK)
			.getBody();
		Map<String, Object> second = call(HttpMethod.GET, CHALLENGES + "?client=" + this.client
				+ "&state=outstanding&profile=vpn&limit=1&after=" + first.get("next"), ADMIN_UI_TOKEN, HttpStatus.OK)
			.getBody();

		assertThat(ids(first)).containsExactly(vpnFirst);
		assertThat(ids(second)).containsExactly(vpnSecond);
		assertThat(list("&profile=default")).singleElement()
			.satisfies((item) -> assertThat(item).containsEntry("profile", "default"));
	}

	@Test
	void whenRevokedByTheAdminThenItNoLongerRedeemsAndARedeemedOneConflicts() {
		Map<String, Object> minted = mint("{\"client\":" + this.client + "}", HttpStatus.CREATED).getBody();
		Map<String, Object> used = mint("{\"client\":" + this.client + "}", HttpStatus.CREATED).getBody();
		assertThat(redeem((String) used.get("challenge"), "default").accepted()).isTrue();

		call(HttpMethod.POST, CHALLENGES + "/" + minted.get("id") + "/revoke?client=" + this.client, ADMIN_UI_TOKEN,
				HttpStatus.NO_CONTENT);
		call(HttpMethod.POST, CHALLENGES + "/" + minted.get("id") + "/revoke?client=" + this.client, ADMIN_UI_TOKEN,
				HttpStatus.NO_CONTENT);
		ResponseEntity<Map<String, Object>> conflict = call(HttpMethod.POST,
				CHALLENGES + "/" + used.get("id") + "/revoke?client=" + this.client, ADMIN_UI_TOKEN,
				HttpStatus.CONFLICT);

		assertThat(conflict.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(redeem((String) minted.get("challenge"), "default").reason()).isEqualTo("challenge revoked");
		assertThat(list("&state=revoked")).extracting((item) -> item.get("id")).containsExactly(minted.get("id"));
	}

	@Test
	void whenAProfileTheClientMayNotUseOrAnUnknownClientThenRefusedAndNothingMinted() {
		long before = this.jdbc.queryForObject("select count(*) from challenge.challenge", Long.class);

		assertThat(mint("{\"client\":" + this.client + ",\"profile\":\"kiosk\"}", HttpStatus.BAD_REQUEST).getBody())
			.containsEntry("detail", "API client 'admin-hand' may not mint challenges for profile 'kiosk'.");
		mint("{\"client\":987654321}", HttpStatus.NOT_FOUND);
		mint("{\"client\":" + this.client + ",\"profile\":\"no-such-profile\"}", HttpStatus.BAD_REQUEST);
		call(HttpMethod.POST, CHALLENGES + "/not-a-uuid/revoke?client=" + this.client, ADMIN_UI_TOKEN,
				HttpStatus.NOT_FOUND);
		call(HttpMethod.GET, CHALLENGES + "?client=" + this.client + "&state=lost", ADMIN_UI_TOKEN,
				HttpStatus.BAD_REQUEST);

		assertThat(this.jdbc.queryForObject("select count(*) from challenge.challenge", Long.class)).isEqualTo(before);
	}

	@Test
	void whenTheGatewayTheCaAdapterAnMdmKeyOrNobodyCallsThenRefused() {
		String body = "{\"client\":" + this.client + "}";
		for (String token : new String[] { SERVICE_TOKEN, CA_ADAPTER_TOKEN }) {
			call(HttpMethod.POST, CHALLENGES, token, HttpStatus.FORBIDDEN, body);
			call(HttpMethod.GET, CHALLENGES + "?client=" + this.client, token, HttpStatus.FORBIDDEN, "");
		}
		call(HttpMethod.POST, CHALLENGES, API_KEY, HttpStatus.UNAUTHORIZED, body);
		call(HttpMethod.GET, CHALLENGES + "?client=" + this.client, API_KEY, HttpStatus.UNAUTHORIZED, "");
		assertThat(this.http.get()
			.uri(CHALLENGES + "?client=" + this.client)
			.retrieve()
			.toEntity(String.class)
			.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(list("")).isEmpty();
	}

	private static List<Object> ids(Map<String, Object> page) {
		return ((List<?>) page.get("items")).stream().<Object>map((item) -> ((Map<?, ?>) item).get("id")).toList();
	}

	private ResponseEntity<Map<String, Object>> mint(String body, HttpStatusCode expected) {
		ResponseEntity<Map<String, Object>> response = call(HttpMethod.POST, CHALLENGES, ADMIN_UI_TOKEN, expected,
				body);
		if (expected == HttpStatus.CREATED) {
			assertThat(response.getHeaders().getCacheControl()).contains("no-store");
		}
		return response;
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> list(String query) {
		return (List<Map<String, Object>>) call(HttpMethod.GET, CHALLENGES + "?client=" + this.client + query,
				ADMIN_UI_TOKEN, HttpStatus.OK)
			.getBody()
			.get("items");
	}

	private ResponseEntity<Map<String, Object>> call(HttpMethod method, String path, String token,
			HttpStatusCode expected) {
		return call(method, path, token, expected, "");
	}

	private ResponseEntity<Map<String, Object>> call(HttpMethod method, String path, String token,
			HttpStatusCode expected, String body) {
		ResponseEntity<Map<String, Object>> response = this.http.method(method)
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.toEntity(JSON);
		assertThat(response.getStatusCode()).as(method + " " + path).isEqualTo(expected);
		return response;
	}

}
