package io.keyward.admin.profile;

import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import io.keyward.admin.AdminUiTestSupport;
import io.keyward.admin.FakeServices;
import io.keyward.admin.token.AdminScope;
import io.keyward.admin.token.AdminTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16: the admin API answers what the Profiles page shows ({@code profiles:read}):
 * each profile's SCEP URL, GetCACaps, ciphers, policy, challenge settings and the
 * GetCACert CA certificate's fingerprints, and each template's policy, in machine values.
 */
class ProfileApiTests extends AdminUiTestSupport {

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	AdminTokens tokens;

	@Test
	void whenProfilesAreReadThenEachHasItsUrlsCapabilitiesChallengeSettingsAndTheCaFingerprints() throws Exception {
		HttpResponse<String> answer = api(token(AdminScope.PROFILES_READ)).get("/api/v1/profiles");

		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		JsonNode profiles = this.json.readTree(answer.body());
		assertThat(profiles).hasSize(2);
		JsonNode standard = profiles.get(0);
		JsonNode routers = profiles.get(1);
		String base = FakeServices.get().url();
		assertThat(standard.get("name").asString()).isEqualTo("default");
		assertThat(standard.get("scepUrl").asString()).isEqualTo(base + "/scep/default");
		assertThat(standard.get("ndesUrl").asString()).isEqualTo(base + "/certsrv/mscep/mscep.dll");
		assertThat(standard.get("gateway").get("capabilities").toString()).contains("\"POSTPKIOperation\"", "\"AES\"");
		assertThat(standard.get("challenge").get("validity").asString()).isEqualTo("PT1H");
		assertThat(routers.get("scepUrl").asString()).isEqualTo(base + "/scep/routers");
		assertThat(routers.get("ndesUrl").isNull()).isTrue();
		assertThat(routers.get("gateway").get("approval").asString()).isEqualTo("REQUIRED");
		assertThat(routers.get("gateway").get("contentCiphers").toString()).isEqualTo("[\"AES-128-CBC\"]");
		assertThat(routers.get("challenge").isNull()).as("the challenge-service has no settings for it").isTrue();
		byte[] der = FakeServices.get().caCertificateDer();
		String sha256 = HexFormat.ofDelimiter(":")
			.withUpperCase()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(der));
		assertThat(standard.get("caFingerprints").get("sha256").asString()).isEqualTo(sha256);
		assertThat(routers.get("caFingerprints").get("sha1").asString()).matches("([0-9A-F]{2}:){19}[0-9A-F]{2}");
	}

	@Test
	void whenTemplatesAreReadThenEachPolicyKeepsItsMachineValues() {
		HttpResponse<String> answer = api(token(AdminScope.PROFILES_READ)).get("/api/v1/templates");

		assertThat(answer.statusCode()).isEqualTo(200);
		JsonNode templates = this.json.readTree(answer.body());
		assertThat(templates).hasSize(2);
		assertThat(templates.get(0).get("validity").asString()).isEqualTo("PT8760H");
		assertThat(templates.get(0).get("keyUsage").toString())
			.isEqualTo("[\"DIGITAL_SIGNATURE\",\"KEY_ENCIPHERMENT\"]");
		assertThat(templates.get(1).get("subjectPatterns").get("CN").asString()).isEqualTo("<b>[a-z]+</b>");
	}

	@Test
	void whenTheTokenLacksTheScopeThenForbiddenAndWithoutATokenUnauthorized() {
		for (AdminScope other : List.of(AdminScope.CHALLENGES_MANAGE, AdminScope.REFUSALS_READ,
				AdminScope.CERTIFICATES_READ)) {
			String token = token(other);
			assertThat(api(token).get("/api/v1/profiles").statusCode()).as(other.scopeName()).isEqualTo(403);
			assertThat(api(token).get("/api/v1/templates").statusCode()).as(other.scopeName()).isEqualTo(403);
		}
		assertThat(api(null).get("/api/v1/profiles").statusCode()).isEqualTo(401);
		assertThat(api(null).get("/api/v1/templates").statusCode()).isEqualTo(401);
	}

	private String token(AdminScope scope) {
		return this.tokens.create("t-" + UUID.randomUUID().toString().substring(0, 8), List.of(scope), "admin:test")
			.secret();
	}

}
