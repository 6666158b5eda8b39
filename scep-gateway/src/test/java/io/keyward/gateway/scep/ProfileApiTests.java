package io.keyward.gateway.scep;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.keyward.api.gateway.ScepProfile;
import io.keyward.gateway.AbstractGatewayTests;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16: the admin-ui reads each enrollment profile as devices meet it (its paths, the
 * capabilities GetCACaps answers, the envelope ciphers) with its policy, for the
 * dashboard's Profiles page. Who else may not is in {@code ApiCallerTests}.
 */
class ProfileApiTests extends AbstractGatewayTests {

	@Test
	void whenTheAdminUiReadsTheProfilesThenEachHasItsPathsCapabilitiesAndPolicy() throws Exception {
		Map<String, ScepProfile> profiles = profiles();

		ScepProfile standard = profiles.get("default");
		assertThat(standard.scepPath()).isEqualTo("/scep/default");
		assertThat(standard.ndesPath()).isEqualTo("/certsrv/mscep/mscep.dll");
		assertThat(standard.contentCiphers()).contains("AES-128-CBC", "AES-256-CBC", "DES-EDE3-CBC");
		assertThat(standard.enforcePassword()).isTrue();
		assertThat(profiles.get("wifi").ndesPath()).isNull();
		assertThat(profiles.get("norenew").capabilities()).doesNotContain("Renewal");
		assertThat(profiles.get("norenew").renewal()).isFalse();
		assertThat(profiles.get("approved").approval()).isEqualTo("REQUIRED");
		assertThat(profiles.get("window30").renewalWindow()).isEqualTo("PT720H");
		assertThat(profiles.get("open").enforcePassword()).isFalse();
		assertThat(profiles.get("open").defaultTemplate()).isEqualTo("open-network");
		assertThat(profiles.get("caonly").caCertificates()).isEqualTo("CA_ONLY");
		assertThat(List.copyOf(profiles.keySet())).isSorted();
	}

	@Test
	void whenTheProfilesAreReadThenTheirCapabilitiesAreWhatGetCaCapsAnswers() throws Exception {
		for (String name : List.of("default", "norenew", "wifi")) {
			String answered = new String(get("/scep/" + name + "?operation=GetCACaps").body(), StandardCharsets.UTF_8);
			assertThat(profiles().get(name).capabilities()).as(name)
				.containsExactlyElementsOf(List.of(answered.strip().split("\n")));
		}
	}

	private Map<String, ScepProfile> profiles() throws Exception {
		HttpResponse<String> answer = this.http.send(HttpRequest.newBuilder(uri("/api/v1/profiles"))
			.header("Authorization", "Bearer " + ADMIN_TOKEN)
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).isEqualTo(200);
		List<ScepProfile> listed = JsonMapper.builder().build().readValue(answer.body(), new TypeReference<>() {
		});
		return listed.stream()
			.collect(Collectors.toMap(ScepProfile::name, Function.identity(), (a, b) -> a, LinkedHashMap::new));
	}

}
