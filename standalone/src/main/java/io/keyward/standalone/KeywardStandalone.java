package io.keyward.standalone;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.keyward.standalone.aot.JarSignatures;

/**
 * {@code java -jar keyward-standalone.jar}: the whole suite on an embedded PostgreSQL,
 * for evaluation and small sites. {@code java -jar keyward-standalone.jar database}
 * starts only the embedded PostgreSQL, for running the services as separate processes
 * (several replicas of each on one database, as bench/cluster.sh does). Configuration
 * comes from the environment (see docs/configuration.md).
 */
public final class KeywardStandalone {

	static final String USAGE = "usage: java -jar keyward-standalone.jar [database | kek rotate | unsign DIR]%n"
			+ "  (no argument)  the whole suite: embedded PostgreSQL and the four services%n"
			+ "  database       only the embedded PostgreSQL (database keyward, user postgres, password in%n"
			+ "                 <KEYWARD_DATA_DIR>/postgres-password)%n"
			+ "                 on KEYWARD_DB_PORT, data under <KEYWARD_DATA_DIR>/postgres; runs until stopped%n"
			+ "  kek rotate     a new key-encryption key in <KEYWARD_DATA_DIR>/kek, every sealed key re-sealed%n"
			+ "                 under it (Keyward stopped; safe to run again after an interruption)%n"
			+ "  unsign DIR     removes the signature files of the signed jars in DIR, the extracted copies an%n"
			+ "                 AOT cache is trained on (deploy/aot/README.md)%n";

	private KeywardStandalone() {
	}

	public static void main(String[] args) throws Exception {
		StandaloneSettings settings = StandaloneSettings.fromEnvironment(System.getenv());
		try {
			if (args.length == 0) {
				suite(settings);
			}
			else if (args.length == 1 && "database".equals(args[0])) {
				database(settings);
			}
			else if (args.length == 2 && "unsign".equals(args[0])) {
				JarSignatures.strip(Path.of(args[1]))
					.forEach((jar) -> System.out.println("event=jar_unsigned jar=" + jar.getFileName()));
			}
			else if (args.length == 2 && "kek".equals(args[0]) && "rotate".equals(args[1])) {
				System.out.println(KeyEncryptionKeyRotation.rotate(settings, System.getenv("KEYWARD_KEK")));
			}
			else {
				System.err.printf(USAGE);
				System.exit(2);
			}
		}
		catch (StartRefusedException ex) {
			// the operator's to fix, so one line without a stack trace
			System.err
				.println((args.length == 2 ? "The key-encryption key was not rotated: " : "Keyward did not start: ")
						+ ex.getMessage() + ".");
			System.exit(1);
		}
	}

	private static void suite(StandaloneSettings settings) throws Exception {
		System.out.println("Starting Keyward (data directory " + settings.dataDir() + ") ...");
		long started = System.nanoTime();
		// stopped by the database's exit hook: the services first, then the database
		KeywardSuite suite = KeywardSuite.start(settings, Map.of(), null);
		System.out.println(suite.describe());
		System.out.printf("Started in %.1f s. Press Ctrl+C to stop.%n", (System.nanoTime() - started) / 1e9);
	}

	/**
	 * Only the database: the services then run from their own jars with
	 * {@code KEYWARD_DB_URL} set to the printed URL. Stopping this process (SIGTERM,
	 * Ctrl+C) shuts PostgreSQL down cleanly; the data stays for the next start.
	 */
	private static void database(StandaloneSettings settings) throws Exception {
		Files.createDirectories(settings.dataDir());
		System.out.println(
				"Starting the Keyward database (data directory " + settings.dataDir().resolve("postgres") + ") ...");
		EmbeddedDatabase database = EmbeddedDatabase.start(settings.dataDir(), settings.databasePort());
		System.out.println("Keyward database is ready.");
		System.out.println("  JDBC URL: " + database.jdbcUrl());
		System.out.println("  user postgres, password in " + settings.dataDir().resolve(EmbeddedDatabase.PASSWORD_FILE)
				+ ", port " + database.port() + " (loopback only)");
		System.out.println("Press Ctrl+C to stop.");
		// until the JVM exits: the database's exit hook stops it cleanly
		Thread.currentThread().join();
	}

}
