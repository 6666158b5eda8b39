package io.keyward.standalone;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Run by {@link EmbeddedDatabaseTests} in a JVM of its own, which the test stops with
 * SIGTERM as an operator's Ctrl+C does: the database's users stop first, taking longer
 * than PostgreSQL's own stop would (a service finishing its requests in flight), and say
 * whether the database still answered them.
 */
final class DatabaseStopOrder {

	static final String READY = "database ready";

	static final String UP = "users stopped, database up";

	private DatabaseStopOrder() {
	}

	public static void main(String[] args) throws Exception {
		EmbeddedDatabase database = EmbeddedDatabase.start(Path.of(args[0]), 0);
		database.stopFirst(() -> {
			try {
				Thread.sleep(1500);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
				statement.execute("select 1");
				System.out.println(UP);
			}
			catch (SQLException ex) {
				System.out.println("users stopped, database down: " + ex.getMessage());
			}
		});
		System.out.println(READY);
		Thread.currentThread().join();
	}

}
