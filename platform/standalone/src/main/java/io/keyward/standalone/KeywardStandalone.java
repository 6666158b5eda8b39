package io.keyward.standalone;

/**
 * {@code java -jar keyward-standalone.jar}: the whole suite on an embedded PostgreSQL,
 * for evaluation and small sites. Configuration comes from the environment (see
 * docs/configuration.md).
 */
public final class KeywardStandalone {

	private KeywardStandalone() {
	}

	public static void main(String[] args) throws Exception {
		StandaloneSettings settings = StandaloneSettings.fromEnvironment(System.getenv());
		System.out.println("Starting Keyward (data directory " + settings.dataDir() + ") ...");
		long started = System.nanoTime();
		KeywardSuite suite = KeywardSuite.start(settings, java.util.Map.of(), null);
		Runtime.getRuntime().addShutdownHook(new Thread(suite::close, "keyward-stop"));
		System.out.println(suite.describe());
		System.out.printf("Started in %.1f s. Press Ctrl+C to stop.%n", (System.nanoTime() - started) / 1e9);
	}

}
