package io.keyward.standalone;

import java.nio.file.Path;
import java.util.Locale;
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
 * @param gatewayHttpsPort scep-gateway over HTTPS (0: any free port)
 * @param gatewayHttpEnabled whether the gateway also serves plain HTTP on
 * {@code gatewayPort}
 * @param gatewayManagementPort the gateway's metrics and detailed health, on loopback (0:
 * any free port)
 */
public record StandaloneSettings(Path dataDir, int gatewayPort, int challengePort, int caPort, int adminPort,
		int databasePort, String host, int gatewayHttpsPort, boolean gatewayHttpEnabled, int gatewayManagementPort) {

	/**
	 * Settings with HTTPS and the management listener on any free port, plain HTTP on.
	 */
	public StandaloneSettings(Path dataDir, int gatewayPort, int challengePort, int caPort, int adminPort,
			int databasePort, String host) {
		this(dataDir, gatewayPort, challengePort, caPort, adminPort, databasePort, host, 0, true, 0);
	}

	/**
	 * Read the documented environment variables: {@code KEYWARD_DATA_DIR} (default
	 * {@code ./data}), {@code KEYWARD_GATEWAY_PORT} (8080),
	 * {@code KEYWARD_CHALLENGE_PORT} (8081), {@code KEYWARD_CA_PORT} (8082),
	 * {@code KEYWARD_ADMIN_PORT} (8083), {@code KEYWARD_DB_PORT} (0: any free port),
	 * {@code KEYWARD_PUBLIC_HOST} (localhost), {@code KEYWARD_GATEWAY_HTTPS_PORT} (8443),
	 * {@code KEYWARD_GATEWAY_HTTP_ENABLED} (true),
	 * {@code KEYWARD_GATEWAY_MANAGEMENT_PORT} (9080).
	 */
	public static StandaloneSettings fromEnvironment(Map<String, String> env) {
		return new StandaloneSettings(
				Path.of(env.getOrDefault("KEYWARD_DATA_DIR", "./data")).toAbsolutePath().normalize(),
				port(env, "KEYWARD_GATEWAY_PORT", 8080), port(env, "KEYWARD_CHALLENGE_PORT", 8081),
				port(env, "KEYWARD_CA_PORT", 8082), port(env, "KEYWARD_ADMIN_PORT", 8083),
				port(env, "KEYWARD_DB_PORT", 0), env.getOrDefault("KEYWARD_PUBLIC_HOST", "localhost"),
				port(env, "KEYWARD_GATEWAY_HTTPS_PORT", 8443), flag(env, "KEYWARD_GATEWAY_HTTP_ENABLED", true),
				port(env, "KEYWARD_GATEWAY_MANAGEMENT_PORT", 9080));
	}

	private static boolean flag(Map<String, String> env, String name, boolean fallback) {
		String value = env.get(name);
		if (value == null || value.isBlank()) {
			return fallback;
		}
		return switch (value.strip().toLowerCase(Locale.ROOT)) {
			case "true" -> true;
			case "false" -> false;
			default -> throw new IllegalArgumentException(name + " must be true or false, not '" + value + "'");
		};
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

	public String httpsUrl(int port) {
		return "https://" + this.host + ":" + port;
	}

}
