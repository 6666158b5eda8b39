package io.keyward.standalone;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the standalone suite keeps its data and which ports it listens on.
 *
 * @param dataDir data directory: embedded PostgreSQL under {@code postgres/}, the
 * key-encryption key, the service token and the initial credentials
 * @param gatewayPort scep-gateway (SCEP, NDES path)
 * @param challengePort challenge-service (MDM API)
 * @param caPort ca-adapter
 * @param adminPort admin-ui (dashboard)
 * @param databasePort embedded PostgreSQL, 0 for any free port
 * @param host the host name printed in URLs
 */
public record StandaloneSettings(Path dataDir, int gatewayPort, int challengePort, int caPort, int adminPort,
		int databasePort, String host) {

	/**
	 * Read the documented environment variables: {@code KEYWARD_DATA_DIR} (default
	 * {@code ./data}), {@code KEYWARD_GATEWAY_PORT} (8080),
	 * {@code KEYWARD_CHALLENGE_PORT} (8081), {@code KEYWARD_CA_PORT} (8082),
	 * {@code KEYWARD_ADMIN_PORT} (8083), {@code KEYWARD_DB_PORT} (0: any free port),
	 * {@code KEYWARD_PUBLIC_HOST} (localhost).
	 */
	public static StandaloneSettings fromEnvironment(Map<String, String> env) {
		return new StandaloneSettings(
				Path.of(env.getOrDefault("KEYWARD_DATA_DIR", "./data")).toAbsolutePath().normalize(),
				port(env, "KEYWARD_GATEWAY_PORT", 8080), port(env, "KEYWARD_CHALLENGE_PORT", 8081),
				port(env, "KEYWARD_CA_PORT", 8082), port(env, "KEYWARD_ADMIN_PORT", 8083),
				port(env, "KEYWARD_DB_PORT", 0), env.getOrDefault("KEYWARD_PUBLIC_HOST", "localhost"));
	}

	private static int port(Map<String, String> env, String name, int fallback) {
		String value = env.get(name);
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			int port = Integer.parseInt(value.strip());
			if (port < 0 || port > 65535) {
				throw new NumberFormatException();
			}
			return port;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(name + " must be a port number (0-65535), not '" + value + "'");
		}
	}

	public String url(int port) {
		return "http://" + this.host + ":" + port;
	}

}
