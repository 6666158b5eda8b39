package io.keyward.challenge.profile;

import java.util.List;
import java.util.Map;

import io.keyward.challenge.IntegrationTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16: each challenge profile's settings for the dashboard's Profiles page, read
 * only by the admin-ui (scope {@code challenge-profiles:read}), as configured
 * (IntegrationTestSupport's profiles), never a static challenge.
 */
class ChallengeProfileApiTests extends IntegrationTestSupport {

	private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
	};

	@Test
	void whenTheAdminUiReadsTheProfilesThenEachProfilesSettingsAreAnswered() {
		ResponseEntity<List<Map<String, Object>>> answer = this.http.get()
			.uri("/internal/v1/challenge-profiles")
			.headers((headers) -> headers.setBearerAuth(ADMIN_UI_TOKEN))
			.retrieve()
			.toEntity(LIST);

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
		List<Map<String, Object>> profiles = answer.getBody();
		assertThat(profiles).extracting((profile) -> (String) profile.get("name"))
			.contains("default", "shared", "tiny", "kiosk")
			.isSorted();
		Map<String, Object> shared = find(profiles, "shared");
		assertThat(shared).containsEntry("validity", "PT10M")
			.containsEntry("singlePassword", true)
			.containsEntry("mode", "ONE_TIME");
		assertThat(find(profiles, "tiny")).containsEntry("maxOutstanding", 2).containsEntry("singlePassword", false);
		assertThat(find(profiles, "default")).containsEntry("validity", "PT1H").containsEntry("maxValidity", "PT168H");
		assertThat(answer.toString()).doesNotContain(KIOSK_STATIC_CHALLENGE);
	}

	@Test
	void whenAnotherCallerAsksThenUnauthorizedOrForbidden() {
		assertThat(status(null)).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(status(API_KEY)).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(status(SERVICE_TOKEN)).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(status(CA_ADAPTER_TOKEN)).isEqualTo(HttpStatus.FORBIDDEN);
	}

	private HttpStatus status(String token) {
		return HttpStatus.valueOf(this.http.get().uri("/internal/v1/challenge-profiles").headers((headers) -> {
			if (token != null) {
				headers.setBearerAuth(token);
			}
		}).retrieve().toEntity(JSON).getStatusCode().value());
	}

	private static Map<String, Object> find(List<Map<String, Object>> profiles, String name) {
		return profiles.stream().filter((profile) -> name.equals(profile.get("name"))).findFirst().orElseThrow();
	}

}
