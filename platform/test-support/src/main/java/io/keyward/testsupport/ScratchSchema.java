package io.keyward.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A schema of its own in the test database, built by one service's Flyway migrations, for
 * upgrade tests (migrate to an old version, add rows, migrate on) and query-plan tests
 * next to the service's live schema. Dropped on {@link #close()}.
 */
public final class ScratchSchema implements AutoCloseable {

	private final DataSource dataSource;

	private final String migrations;

	private final String name;

	private JavaMigration[] javaMigrations = new JavaMigration[0];

	private ScratchSchema(DataSource dataSource, String migrations) {
		this.dataSource = dataSource;
		this.migrations = migrations;
		this.name = migrations + "_scratch_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	/**
	 * @param dataSource the test database
	 * @param migrations the service's migration folder under {@code db/migration}, for
	 * example {@code gateway}
	 * @return a schema not created yet: {@link #migrate} creates it
	 */
	public static ScratchSchema of(DataSource dataSource, String migrations) {
		return new ScratchSchema(dataSource, migrations);
	}

	/**
	 * @param migrations the service's Java migrations (Spring beans in the service), run
	 * with its SQL migrations from now on
	 * @return this schema
	 */
	public ScratchSchema withJavaMigrations(JavaMigration... migrations) {
		this.javaMigrations = migrations.clone();
		return this;
	}

	public String name() {
		return this.name;
	}

	/**
	 * Migrate to the latest version.
	 * @return this schema
	 */
	public ScratchSchema migrate() {
		return migrate("latest");
	}

	/**
	 * @param target a version, or {@code latest}
	 * @return this schema
	 */
	public ScratchSchema migrate(String target) {
		Flyway.configure()
			.dataSource(this.dataSource)
			.schemas(this.name)
			.defaultSchema(this.name)
			.locations("classpath:db/migration/" + this.migrations)
			.javaMigrations(this.javaMigrations)
			.target(target)
			.load()
			.migrate();
		return this;
	}

	@Override
	public void close() throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("drop schema if exists " + this.name + " cascade");
		}
	}

}
