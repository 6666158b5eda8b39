package io.keyward.standalone;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;

import io.keyward.sealing.SecretFiles;
import io.keyward.edge.caller.SecretTokens;

/**
 * One credential per internal caller, as docs/security.md describes: the gateway's
 * (presented to the challenge-service and the ca-adapter) and the admin-ui's (presented
 * to the gateway, the ca-adapter and the challenge-service, where it manages MDM API
 * clients and webhook dead letters), the challenge-service's (presented to the
 * ca-adapter, to read the CA certificate for the NDES page and to revoke for Intune) and
 * the ca-adapter's (presented to the challenge-service when it publishes revocation and
 * expiry events). Each comes from its environment variable or from its file in the data
 * directory (mode 0600), generated on first start. A data directory from before this
 * split holds only the shared {@code service-token}: it is left alone and no longer
 * accepted by any service; the new files are generated next to it.
 *
 * @param gateway the gateway's token
 * @param adminUi the admin-ui's token
 * @param challengeService the challenge-service's token
 * @param caAdapter the ca-adapter's token
 */
record CallerTokens(String gateway, String adminUi, String challengeService, String caAdapter) {

	static final String GATEWAY_FILE = "gateway-token";

	static final String ADMIN_UI_FILE = "admin-ui-token";

	static final String CHALLENGE_SERVICE_FILE = "challenge-service-token";
	static final String CA_ADAPTER_FILE = "ca-adapter-token";

	static CallerTokens load(Path dataDir) throws IOException {
		return new CallerTokens(token(dataDir, "KEYWARD_GATEWAY_TOKEN", GATEWAY_FILE),
				token(dataDir, "KEYWARD_ADMIN_UI_TOKEN", ADMIN_UI_FILE),
				token(dataDir, "KEYWARD_CHALLENGE_SERVICE_TOKEN", CHALLENGE_SERVICE_FILE),
				token(dataDir, "KEYWARD_CA_ADAPTER_TOKEN", CA_ADAPTER_FILE));
	}

	/**
	 * @param properties the properties every service gets
	 * @param environmentTemplates {@code KEYWARD_GATEWAY_TEMPLATES}, may be null
	 */
	void configure(Map<String, String> properties, String environmentTemplates) {
		properties.put("keyward.edge.callers.gateway.tokens", this.gateway);
		properties.put("keyward.edge.callers.admin-ui.tokens", this.adminUi);
		properties.put("keyward.gateway.service-token", this.gateway);
		properties.put("keyward.admin.service-token", this.adminUi);
		properties.put("keyward.edge.callers.challenge-service.tokens", this.challengeService);
		properties.put("keyward.challenge.ca.token", this.challengeService);
		properties.put("keyward.edge.callers.ca-adapter.tokens", this.caAdapter);
		properties.put("keyward.ca.events.service-token", this.caAdapter);
		properties.put("keyward.ca.caller-templates.gateway", gatewayTemplates(properties, environmentTemplates));
	}

	/**
	 * The templates the gateway's profiles name (the built-in profile's {@code default}
	 * and every {@code keyward.gateway.profiles.<name>.template} given to the suite): the
	 * only ones the ca-adapter issues to the gateway.
	 */
	static String gatewayTemplates(Map<String, String> properties, String environmentTemplates) {
		TreeSet<String> templates = new TreeSet<>();
		templates.add("default");
		properties.forEach((key, value) -> {
			if (key.startsWith("keyward.gateway.profiles.") && key.endsWith(".template") && !value.isBlank()) {
				templates.add(value.strip());
			}
		});
		if (environmentTemplates != null) {
			for (String template : environmentTemplates.split(",")) {
				if (!template.isBlank()) {
					templates.add(template.strip());
				}
			}
		}
		return String.join(",", templates);
	}

	private static String token(Path dataDir, String variable, String fileName) throws IOException {
		String fromEnvironment = System.getenv(variable);
		if (fromEnvironment != null && !fromEnvironment.isBlank()) {
			return fromEnvironment.strip();
		}
		Path file = dataDir.resolve(fileName);
		if (!Files.exists(file)) {
			SecretFiles.createPrivate(file, SecretTokens.generate("kws_") + "\n");
		}
		return Files.readString(file, StandardCharsets.US_ASCII).strip();
	}

}
