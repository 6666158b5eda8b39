package io.keyward.testsupport;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Import into a {@code @SpringBootTest} to run it against the shared test PostgreSQL:
 * {@code @Import(PostgresTestConfiguration.class)}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class PostgresTestConfiguration {

	@Bean
	JdbcConnectionDetails keywardTestDatabase() {
		TestPostgres postgres = TestPostgres.get();
		return new JdbcConnectionDetails() {

			@Override
			public String getUsername() {
				return postgres.username();
			}

			@Override
			public String getPassword() {
				return postgres.password();
			}

			@Override
			public String getJdbcUrl() {
				return postgres.jdbcUrl();
			}

		};
	}

}
