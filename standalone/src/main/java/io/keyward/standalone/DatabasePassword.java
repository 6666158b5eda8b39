package io.keyward.standalone;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The embedded library initialises every cluster with {@code initdb -A trust}: anyone on
 * the machine who reaches the port is let in as superuser. On every start, while
 * {@code pg_hba.conf} still trusts (a new cluster, or one a previous version made), the
 * superuser gets the data directory's password and {@code pg_hba.conf} is rewritten to
 * require it (scram-sha-256, PostgreSQL's "Password Authentication"), then reloaded; no
 * restart, and a crash in between is repaired by the next start.
 */
final class DatabasePassword {

	private static final Pattern TRUST = Pattern.compile("(?m)^\\s*(local|host\\w*)\\s.*\\btrust\\s*$");

	static final String HBA = """
			# Written by Keyward: every connection needs the password of <data-dir>/postgres-password.
			# TYPE  DATABASE  USER  ADDRESS        METHOD
			host    all       all   127.0.0.1/32   scram-sha-256
			host    all       all   ::1/128        scram-sha-256
			""";

	private DatabasePassword() {
	}

	static void require(EmbeddedPostgres postgres, Path cluster, String password) throws IOException {
		Path hba = cluster.resolve("pg_hba.conf");
		if (!TRUST.matcher(Files.readString(hba, StandardCharsets.UTF_8)).find()) {
			return;
		}
		if (!password.matches("[A-Za-z0-9_-]{16,}")) {
			throw new IllegalStateException("the database password in the data directory is not a generated one");
		}
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("set password_encryption = 'scram-sha-256'");
			statement.execute("alter role " + EmbeddedDatabase.USER + " with password '" + password + "'");
			Files.writeString(hba, HBA, StandardCharsets.UTF_8);
			statement.execute("select pg_reload_conf()");
		}
		catch (SQLException ex) {
			throw new IOException("cannot set the database password: " + ex.getMessage(), ex);
		}
		awaitPasswordRequired(postgres);
	}

	/** The postmaster reloads its configuration asynchronously; wait until it has. */
	private static void awaitPasswordRequired(EmbeddedPostgres postgres) throws IOException {
		for (int attempt = 0; attempt < 100; attempt++) {
			try (Connection connection = postgres.getDatabase(EmbeddedDatabase.USER, "postgres", Map.of())
				.getConnection()) {
				Thread.sleep(100);
			}
			catch (SQLException ex) {
				String state = String.valueOf(ex.getSQLState());
				if (state.startsWith("28") || state.equals("08004")) {
					// refused by the server, or the server asked for a password the
					// client does not have: required now
					return;
				}
				throw new IOException("cannot reach the embedded PostgreSQL: " + ex.getMessage(), ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		throw new IOException("the embedded PostgreSQL still lets in connections without a password");
	}

}
