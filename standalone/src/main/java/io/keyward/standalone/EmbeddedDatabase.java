package io.keyward.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;

import io.keyward.sealing.SecretFiles;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;

/**
 * A real PostgreSQL server (binaries shipped in a Maven artifact) whose data lives under
 * {@code <data-dir>/postgres}, so a restart keeps every challenge, request and
 * certificate. The suite's database is {@code keyward}; each service owns one schema in
 * it. The server listens on loopback only, has no Unix socket, and requires the password
 * of {@code <data-dir>/postgres-password} (scram-sha-256) on every connection; its
 * binaries are unpacked into {@code <data-dir>/postgres-binaries}, not into a shared
 * temporary folder where another local user could plant their own.
 */
final class EmbeddedDatabase implements AutoCloseable {

	static final String DATABASE = "keyward";

	static final String USER = "postgres";

	static final String PASSWORD_FILE = "postgres-password";

	private final EmbeddedPostgres postgres;

	private final String password;

	/**
	 * The database's own exit hook in place of the library's, which stopped PostgreSQL at
	 * the same time as the services' graceful shutdown (JVM shutdown hooks run
	 * concurrently), failing the requests they were finishing.
	 */
	private final Thread exit = new Thread(this::stopAtExit, "keyward-stop");

	private volatile Runnable users = () -> {
	};

	private EmbeddedDatabase(EmbeddedPostgres postgres, String password) {
		this.postgres = postgres;
		this.password = password;
	}

	static EmbeddedDatabase start(Path dataDir, int port) throws IOException {
		Path directory = dataDir.resolve("postgres");
		Files.createDirectories(directory);
		Path binaries = dataDir.resolve("postgres-binaries");
		Files.createDirectories(binaries,
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		String password = password(dataDir);
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setDataDirectory(directory)
			.setCleanDataDirectory(false)
			.setRegisterShutdownHook(false)
			.setOverrideWorkingDirectory(binaries.toFile())
			.setPgBinaryResolver(new BinariesOf(binaries))
			// the library's own readiness check and data sources log in with it
			.setConnectConfig("password", password)
			.setServerConfig("listen_addresses", "localhost")
			.setServerConfig("unix_socket_directories", "")
			.setServerConfig("password_encryption", "scram-sha-256")
			// the library's test defaults trade durability for speed (fsync off,
			// asynchronous commit); this database holds the CA's records, so a power
			// loss must lose nothing
			.setServerConfig("fsync", "on")
			.setServerConfig("synchronous_commit", "on")
			.setServerConfig("full_page_writes", "on");
		if (port > 0) {
			builder.setPort(port);
		}
		EmbeddedPostgres postgres;
		try {
			postgres = builder.start();
		}
		catch (IllegalStateException ex) {
			// the library's lock file is held: by another process ("could not
			// lock") or by another suite in this JVM (an overlapping lock)
			if (ex instanceof OverlappingFileLockException
					|| String.valueOf(ex.getMessage()).contains("could not lock")) {
				throw new DataDirectoryInUseException(dataDir, ex);
			}
			throw ex;
		}
		EmbeddedDatabase database = new EmbeddedDatabase(postgres, password);
		Runtime.getRuntime().addShutdownHook(database.exit);
		try {
			DatabasePassword.require(postgres, directory, password);
			database.createDatabaseIfAbsent();
		}
		catch (IOException | RuntimeException ex) {
			postgres.close();
			throw ex;
		}
		return database;
	}

	/**
	 * Another Keyward (or its {@code database} mode) is running on the same data
	 * directory: said in one line, since it is the operator's to fix.
	 */
	static final class DataDirectoryInUseException extends StartRefusedException {

		DataDirectoryInUseException(Path dataDir, Throwable cause) {
			super("the data directory " + dataDir + " is in use by another Keyward (or its database): stop that one, "
					+ "or give this one its own KEYWARD_DATA_DIR", cause);
		}

	}

	/**
	 * The library's own binaries, but unpacked per data directory: it remembers where it
	 * unpacked them for each resolver (by equality) for the life of the JVM, so with its
	 * shared default resolver the first start in a JVM (a test's temporary cluster, say)
	 * would decide the folder for every later one.
	 */
	private record BinariesOf(Path folder) implements PgBinaryResolver {

		@Override
		public InputStream getPgBinary(String system, String machineHardware) throws IOException {
			return DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware);
		}

	}

	private static String password(Path dataDir) throws IOException {
		Path file = dataDir.resolve(PASSWORD_FILE);
		byte[] random = new byte[24];
		new SecureRandom().nextBytes(random);
		SecretFiles.createPrivate(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n");
		return Files.readString(file, StandardCharsets.US_ASCII).strip();
	}

	private void createDatabaseIfAbsent() throws IOException {
		try (Connection connection = this.postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			try (ResultSet rows = statement
				.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
				if (rows.next()) {
					return;
				}
			}
			statement.execute("create database " + DATABASE);
		}
		catch (SQLException ex) {
			throw new IOException("cannot create the database '" + DATABASE + "'", ex);
		}
	}

	/**
	 * A connection to the suite's database as its owner, for the launcher's own checks.
	 */
	Connection connect() throws SQLException {
		return this.postgres.getDatabase(USER, DATABASE).getConnection();
	}

	String jdbcUrl() {
		return this.postgres.getJdbcUrl(USER, DATABASE);
	}

	/**
	 * @return the password of the user {@code postgres}, from
	 * {@code <data-dir>/postgres-password}
	 */
	String password() {
		return this.password;
	}

	int port() {
		return this.postgres.getPort();
	}

	/**
	 * What must stop before the database when the JVM exits (SIGTERM, Ctrl+C): the
	 * services using it, so that the requests they finish during their graceful shutdown
	 * still reach it.
	 */
	void stopFirst(Runnable users) {
		this.users = users;
	}

	/**
	 * Stops the database's users ({@link #stopFirst}), then the database, also when a
	 * user's stop failed (that failure is rethrown).
	 */
	void stop() {
		try {
			this.users.run();
		}
		finally {
			try {
				close();
			}
			catch (IOException ex) {
				System.err.println("event=database_stop_failed " + ex.getMessage());
			}
		}
	}

	/** The JVM's exit (SIGTERM, Ctrl+C). */
	private void stopAtExit() {
		try {
			stop();
		}
		catch (RuntimeException ex) {
			System.err.println("event=service_stop_failed " + ex);
		}
	}

	@Override
	public void close() throws IOException {
		try {
			Runtime.getRuntime().removeShutdownHook(this.exit);
		}
		catch (IllegalStateException exiting) {
			// called by that hook itself
		}
		this.postgres.close();
	}

}
