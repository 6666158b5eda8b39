package io.keyward.challenge.onetime;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.keyward.api.challenge.RedemptionRequest;
import io.keyward.api.challenge.RedemptionResult;
import io.keyward.challenge.IntegrationTestSupport;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14: a challenge bound to what the CSR must carry redeems only for a CSR that
 * carries it; a CSR that misses burns it (docs/decisions.md), with the reason on the
 * challenge; a bound lifetime and template; the MDM's own external id.
 */
class BoundChallengeTests extends IntegrationTestSupport {

	private static final String SUBJECT = "CN=laptop-42,O=Example Corp";

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					ok/subject exact, other case and blanks | {"subject":"CN=laptop-42,O=Example Corp"} | cn=LAPTOP-42, o=example corp | dns:laptop-42.example | digitalSignature | true
					ok/subject pattern | {"subjectPattern":"CN=laptop-[0-9]+,O=Example Corp"} | CN=laptop-7,O=Example Corp | dns:laptop-42.example | digitalSignature | true
					ok/SANs as a set | {"subjectAltNames":["DNS:laptop-42.example","uri:urn:x"]} | CN=x | uri:urn:x,dns:laptop-42.example | digitalSignature | true
					ok/key usage | {"keyUsage":["digitalSignature","keyEncipherment"]} | CN=x | dns:x | keyEncipherment,digitalSignature | true
					ok/device id in serialNumber | {"deviceId":"C02XK1"} | SERIALNUMBER=C02XK1,CN=laptop | dns:x | digitalSignature | true
					ok/device id as SAN URI | {"deviceId":"IntuneDeviceId://7f3a"} | CN=laptop | uri:IntuneDeviceId://7f3a | digitalSignature | true
					fail/subject | {"subject":"CN=laptop-42,O=Example Corp"} | CN=laptop-43,O=Example Corp | dns:x | digitalSignature | false
					fail/subject pattern | {"subjectPattern":"CN=laptop-[0-9]+,O=Example Corp"} | CN=laptop-7,O=Evil | dns:x | digitalSignature | false
					fail/one SAN more | {"subjectAltNames":["dns:laptop-42.example"]} | CN=x | dns:laptop-42.example,dns:evil.example | digitalSignature | false
					fail/key usage | {"keyUsage":["digitalSignature"]} | CN=x | dns:x | digitalSignature,keyCertSign | false
					fail/device id | {"deviceId":"C02XK1"} | SERIALNUMBER=C02XK2,CN=laptop | uri:C02XK1x | digitalSignature | false
					""")
	void whenBoundThenOnlyAMatchingCsrRedeems(String name, String binding, String subject, String sans, String keyUsage,
			boolean accepted) {
		String challenge = mintChallenge("{\"binding\":" + binding + "}");
		RedemptionResult result = call("/internal/v1/redemptions", request(challenge, newTransactionId(), subject,
				List.of(sans.split(",")), List.of(keyUsage.split(","))));
		assertThat(result.accepted()).as(name).isEqualTo(accepted);
		if (!accepted) {
			assertThat(result.reason()).startsWith("CSR does not match the challenge's binding: ");
		}
	}

	@Test
	void whenTheCsrMissesTheBindingThenRefusedWithTheReasonRecordedAndTheChallengeBurned() {
		Map<String, Object> minted = mintBody("{\"binding\":{\"subject\":\"" + SUBJECT + "\"}}");
		String challenge = (String) minted.get("challenge");

		RedemptionResult refused = call("/internal/v1/redemptions/preview",
				request(challenge, newTransactionId(), "CN=intruder", List.of(), List.of()));
		// the half that burns: the right CSR that comes next is refused as well
		RedemptionResult after = call("/internal/v1/redemptions",
				request(challenge, newTransactionId(), SUBJECT, List.of(), List.of()));

		assertThat(refused).isEqualTo(RedemptionResult.rejected(
				"CSR does not match the challenge's binding: subject 'CN=intruder' " + "is not the bound subject"));
		assertThat(after)
			.isEqualTo(RedemptionResult.rejected("challenge burned by an earlier CSR that did not match its binding"));
		Map<String, Object> record = get("/api/v1/challenges/" + minted.get("id"));
		assertThat(record).containsEntry("state", "refused")
			.containsEntry("refusalReason", "subject 'CN=intruder' is not the bound subject")
			.containsEntry("transactionId", null);
	}

	@Test
	void whenTheCsrMatchesThenRedeemedOnceAndItsRetryAccepted() {
		String challenge = mintChallenge(
				"{\"binding\":{\"subject\":\"" + SUBJECT + "\",\"sid\":\"S-1-5-21-1-2-3-500\"}}");
		RedemptionRequest request = request(challenge, newTransactionId(), SUBJECT, List.of(), List.of());

		assertThat(call("/internal/v1/redemptions/preview", request).accepted()).isTrue();
		RedemptionResult redeemed = call("/internal/v1/redemptions", request);
		assertThat(redeemed.accepted()).isTrue();
		assertThat(redeemed.binding().sid()).isEqualTo("S-1-5-21-1-2-3-500");
		assertThat(redeemed.binding().subject()).isEqualTo(SUBJECT);
		assertThat(call("/internal/v1/redemptions", request)).isEqualTo(redeemed);
		assertThat(
				call("/internal/v1/redemptions", request(challenge, newTransactionId(), SUBJECT, List.of(), List.of())))
			.isEqualTo(RedemptionResult.rejected("challenge already used"));
	}

	@Test
	void whenATemplateIsBoundThenTheRedemptionNamesItInsteadOfTheProfiles() {
		String challenge = mintChallenge("{\"profile\":\"vpn\",\"binding\":{\"template\":\"vpn-machine\"}}");
		RedemptionResult result = call("/internal/v1/redemptions",
				new RedemptionRequest(challenge, "vpn", newTransactionId(), "CN=x", List.of(), publicKeySha256()));
		assertThat(result.template()).isEqualTo("vpn-machine");
	}

	@Test
	void whenALifetimeIsAskedThenItIsKeptWithinTheProfilesMaximum() {
		Instant now = this.clock.instant();
		Map<String, Object> minted = mintBody("{\"lifetime\":\"P3D\",\"externalId\":\"jamf-computer-812\"}");
		assertThat(Instant.parse((String) minted.get("expiresAt")))
			.isBetween(now.plus(Duration.ofDays(3)).minusSeconds(1), now.plus(Duration.ofDays(3)).plusSeconds(30));

		this.clock.advance(Duration.ofDays(2));
		assertThat(redeem((String) minted.get("challenge"), "default").accepted()).isTrue();
		assertThat(get("/api/v1/challenges/" + minted.get("id"))).containsEntry("externalId", "jamf-computer-812")
			.containsEntry("state", "redeemed");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			fail/lifetime over max-validity | {"lifetime":"P8D"} | lifetime
			fail/lifetime not ISO-8601 | {"lifetime":"3 days"} | lifetime
			fail/lifetime under a minute | {"lifetime":"PT30S"} | lifetime
			fail/subject not a DN | {"binding":{"subject":"laptop 42"}} | binding.subject
			fail/pattern not a regex | {"binding":{"subjectPattern":"CN=(unclosed"}} | binding.subjectPattern
			fail/SAN without type | {"binding":{"subjectAltNames":["laptop.example"]}} | binding.subjectAltNames
			fail/SAN of unknown type | {"binding":{"subjectAltNames":["x400:foo"]}} | binding.subjectAltNames
			fail/key usage unknown | {"binding":{"keyUsage":["everything"]}} | binding.keyUsage
			fail/template not a name | {"binding":{"template":"../etc"}} | binding.template
			fail/device id with a newline | {"binding":{"deviceId":"a\\nb"}} | binding.deviceId
			""")
	void whenAFieldIsMalformedThenBadRequestNamingItAndNothingMinted(String name, String body, String field) {
		Integer before = this.jdbc.queryForObject("select count(*) from challenge.challenge", Integer.class);

		ResponseEntity<Map<String, Object>> response = post("/api/v1/challenges", API_KEY, body);

		assertThat(response.getStatusCode()).as(name).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getBody().get("detail").toString()).as(name).startsWith(field + " ");
		assertThat(this.jdbc.queryForObject("select count(*) from challenge.challenge", Integer.class))
			.isEqualTo(before);
	}

	@Test
	void whenTheExternalIdIsTooLongThenBadRequest() {
		ResponseEntity<Map<String, Object>> response = post("/api/v1/challenges", API_KEY,
				"{\"externalId\":\"" + "x".repeat(201) + "\"}");
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getBody().get("detail").toString()).startsWith("externalId ");
	}

	private String mintChallenge(String body) {
		return (String) mintBody(body).get("challenge");
	}

	private Map<String, Object> mintBody(String body) {
		ResponseEntity<Map<String, Object>> response = post("/api/v1/challenges", API_KEY, body);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		return response.getBody();
	}

	private Map<String, Object> get(String path) {
		ResponseEntity<Map<String, Object>> response = this.http.get()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + API_KEY)
			.retrieve()
			.toEntity(JSON);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		return response.getBody();
	}

	private static RedemptionRequest request(String challenge, String transactionId, String subject, List<String> sans,
			List<String> keyUsage) {
		return new RedemptionRequest(challenge, "default", transactionId, subject, sans, "cd".repeat(32), null,
				keyUsage);
	}

}
