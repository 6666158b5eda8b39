package io.keyward.challenge.dialect;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.keyward.challenge.IntegrationTestSupport;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MicroMDM / mysqlscepserver {@code GET /challenge} and Jamf Pro's
 * {@code SCEPChallenge} webhook, over real HTTP; each challenge is then redeemed once.
 */
class MdmDialectTests extends IntegrationTestSupport {

	/** A Jamf Pro SCEPChallenge webhook body with hostile text in it. */
	private static final String JAMF_BODY = """
			{"webhook":{"id":7,"name":"Keyward SCEP","webhookEvent":"SCEPChallenge","eventTimestamp":1733400000000},
			 "event":{"targetType":"COMPUTER","udid":"5D3F8A52-1111-2222-3333-444455556666",
			  "deviceName":"Ann's MacBook\\nevent=forged","serialNumber":"C02XYZ","username":"ann",
			  "profileName":"Wi-Fi","unknownField":{"nested":[1,2]}}}""";

	@Test
	void whenMicromdmAsksWithApiAndTheKeyThenJsonChallengeThatRedeemsOnce() {
		ResponseEntity<Map<String, Object>> response = this.http.get()
			.uri("/challenge")
			.header(HttpHeaders.AUTHORIZATION, basic("api", API_KEY))
			.retrieve()
			.toEntity(JSON);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
		assertThat(response.getHeaders().getCacheControl()).isEqualTo("no-store");
		assertThat(response.getBody()).containsOnlyKeys("challenge");
		String challenge = (String) response.getBody().get("challenge");
		assertThat(challenge).matches("[0-9A-F]{32}");
		assertThat(redeem(challenge, "default").accepted()).isTrue();
		assertThat(redeem(challenge, "default").accepted()).isFalse();
	}

	@Test
	void whenMicromdmCredentialsAreWrongThenUnauthorizedWithABasicChallenge() {
		for (String authorization : new String[] { null, basic("api", API_KEY + "x"), basic("bootstrap", API_KEY),
				"Bearer " + API_KEY }) {
			ResponseEntity<String> response = this.http.get().uri("/challenge").headers((headers) -> {
				if (authorization != null) {
					headers.set(HttpHeaders.AUTHORIZATION, authorization);
				}
			}).retrieve().toEntity(String.class);
			assertThat(response.getStatusCode()).as(String.valueOf(authorization)).isEqualTo(HttpStatus.UNAUTHORIZED);
			assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
				.isEqualTo("Basic realm=\"Keyward\"");
			// the challenge as micromdm's clients expect it, without a body the container
			// added (Tomcat's error report valve answers only responses put in error)
			assertThat(response.getBody()).isNull();
		}
	}

	@Test
	void whenAKeyWithoutTheMintScopeAsksThenForbidden() {
		String key = "kw_dialect-no-scope-key-0123456789abcdefghij";
		apiClient("dialect-no-scope", key, "", null, 0);
		try {
			assertThat(this.http.get()
				.uri("/challenge")
				.header(HttpHeaders.AUTHORIZATION, basic("api", key))
				.retrieve()
				.toBodilessEntity()
				.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
			assertThat(jamf(basic("dialect-no-scope", key), JAMF_BODY).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		}
		finally {
			forgetApiClient("dialect-no-scope");
		}
	}

	@Test
	void whenJamfPostsItsWebhookThenThePlainTextChallengeRedeemsOnce() {
		ResponseEntity<String> response = jamf(basic("CORP\\bootstrap", API_KEY), JAMF_BODY);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.TEXT_PLAIN);
		assertThat(response.getHeaders().getCacheControl()).isEqualTo("no-store");
		String challenge = response.getBody();
		assertThat(challenge).matches("[0-9A-F]{32}");
		assertThat(redeem(challenge, "default").accepted()).isTrue();
		assertThat(redeem(challenge, "default").accepted()).isFalse();
	}

	@Test
	void whenJamfBodyIsEmptyOrNotJsonThenStillAChallenge() {
		for (String body : new String[] { "", "not json", "[1,2]", "{\"event\":null}" }) {
			ResponseEntity<String> response = jamf(basic("bootstrap", API_KEY), body);
			assertThat(response.getStatusCode()).as(body).isEqualTo(HttpStatus.OK);
			assertThat(response.getBody()).matches("[0-9A-F]{32}");
		}
	}

	@Test
	void whenJamfCredentialsAreWrongThenUnauthorized() {
		for (String authorization : new String[] { basic("bootstrap", "wrong"), basic("api", API_KEY) }) {
			ResponseEntity<String> response = jamf(authorization, JAMF_BODY);
			assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
			assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
				.isEqualTo("Basic realm=\"Keyward\"");
		}
	}

	private ResponseEntity<String> jamf(String authorization, String body) {
		return this.http.post()
			.uri("/webhooks/jamf/scep-challenge")
			.header(HttpHeaders.AUTHORIZATION, authorization)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.toEntity(String.class);
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

}
