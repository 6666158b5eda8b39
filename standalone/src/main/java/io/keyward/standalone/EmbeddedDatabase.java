package io.keyward.standalone;

import java.io.IOException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server (binaries shipped in a Maven artifact) whose data lives under
 * {@code <data-dir>/postgres}, so a restart keeps every challenge, request and
 * certificate. The suite's database is {@code keyward}; each service owns one schema in
 * it.
 */
final class EmbeddedDatabase implements AutoCloseable {

	static final String DATABASE = "keyward";

	private final EmbeddedPostgres postgres;

	private EmbeddedDatabase(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	static EmbeddedDatabase start(Path dataDir, int port) throws IOException {
		Path directory = dataDir.resolve("postgres");
		Files.createDirectories(directory);
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setDataDirectory(directory)
			.setCleanDataDirectory(false)
			// the library's test defaults trade durability for speed (fsync off,
			// asynchronous
			// commit); this database holds the CA's records, so a power loss must lose
			// nothing
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
		EmbeddedDatabase database = new EmbeddedDatabase(postgres);
		database.createDatabaseIfAbsent();
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
		return this.postgres.getDatabase("postgres", DATABASE).getConnection();
	}

	String jdbcUrl() {
		return this.postgres.getJdbcUrl("postgres", DATABASE);
	}

	int port() {
		return this.postgres.getPort();
	}

	@Override
	public void close() throws IOException {
		this.postgres.close();
	}

}
