package io.keyward.standalone;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suite's per-caller credentials: generated once into the data directory, also where
 * an older data directory holds only the shared {@code service-token}.
 */
class CallerTokensTests {

	@Test
	void whenADataDirectoryHoldsOnlyTheOldSharedTokenThenEachCallerGetsItsOwnAndTheOldOneIsNotUsed() throws Exception {
		Path dataDir = Files.createTempDirectory(Path.of("target"), "old-data").toAbsolutePath();
		String shared = "an-old-shared-service-token-0123456789";
		Files.writeString(dataDir.resolve("service-token"), shared + "\n");

		CallerTokens first = CallerTokens.load(dataDir);
		CallerTokens again = CallerTokens.load(dataDir);

		assertThat(first).as("a restart reads the same files").isEqualTo(again);
		assertThat(first.gateway()).isNotEqualTo(first.adminUi()).isNotEqualTo(shared).hasSizeGreaterThan(40);
		assertThat(first.adminUi()).isNotEqualTo(shared);
		assertThat(first.challengeService()).isNotEqualTo(shared)
			.isNotEqualTo(first.gateway())
			.isNotEqualTo(first.adminUi())
			.hasSizeGreaterThan(40);
		Map<String, String> properties = new HashMap<>();
		first.configure(properties, null);
		assertThat(properties).doesNotContainValue(shared)
			.containsEntry("keyward.edge.callers.gateway.tokens", first.gateway())
			.containsEntry("keyward.gateway.service-token", first.gateway())
			.containsEntry("keyward.edge.callers.admin-ui.tokens", first.adminUi())
			.containsEntry("keyward.admin.service-token", first.adminUi())
			.containsEntry("keyward.edge.callers.challenge-service.tokens", first.challengeService())
			.containsEntry("keyward.challenge.ca.token", first.challengeService())
			.containsEntry("keyward.edge.callers.ca-adapter.tokens", first.caAdapter())
			.containsEntry("keyward.ca.events.service-token", first.caAdapter());
		assertThat(first.caAdapter()).isNotEqualTo(first.gateway())
			.isNotEqualTo(first.adminUi())
			.isNotEqualTo(first.challengeService())
			.hasSizeGreaterThan(40);
		assertThat(first.challengeService()).isNotEqualTo(first.gateway()).isNotEqualTo(first.adminUi());
		assertThat(dataDir.resolve("ca-adapter-token")).exists();
	}

	@Test
	void whenProfilesNameTemplatesThenTheGatewayMayUseExactlyThoseAndDefault() {
		Map<String, String> properties = new HashMap<>(
				Map.of("keyward.gateway.profiles.wifi.template", "wifi", "keyward.gateway.profiles.vpn.template",
						"vpn-user", "keyward.gateway.profiles.vpn.approval", "REQUIRED"));

		assertThat(CallerTokens.gatewayTemplates(properties, " extra , ")).isEqualTo("default,extra,vpn-user,wifi");
	}

}
