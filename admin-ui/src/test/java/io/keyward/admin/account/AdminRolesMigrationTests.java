package io.keyward.admin.account;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

import javax.sql.DataSource;

import io.keyward.admin.AdminUiTestSupport;
import io.keyward.testsupport.ScratchSchema;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Upgrading a database of the previous version (V5), whose admin signs in today: V6 makes
 * it an enabled administrator that keeps its password, and new rows must name their role.
 */
class AdminRolesMigrationTests extends AdminUiTestSupport {

	@Autowired
	DataSource dataSource;

	@Test
	void whenAnAdminExistsThenItBecomesAnEnabledAdministratorWithItsPassword() throws Exception {
		try (ScratchSchema schema = ScratchSchema.of(this.dataSource, "admin").migrate("5")) {
			JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
			String table = schema.name() + ".admin_user";
			jdbc.update("insert into " + table + " (username, password_hash, created_at) values (?, ?, ?)", "admin",
					"{bcrypt}$2a$10$kept", Timestamp.from(Instant.parse("2026-11-01T10:00:00Z")));

			schema.migrate();

			Map<String, Object> admin = jdbc
				.queryForMap("select password_hash, role, created_by, must_change_password, " + "disabled_at from "
						+ table + " where username = 'admin'");
			assertThat(admin).containsEntry("password_hash", "{bcrypt}$2a$10$kept")
				.containsEntry("role", "ADMINISTRATOR")
				.containsEntry("created_by", "first-start")
				.containsEntry("must_change_password", false)
				.containsEntry("disabled_at", null);
			assertThatThrownBy(() -> jdbc.update("insert into " + table
					+ " (username, password_hash, created_at, created_by) values ('x', 'h', now(), 'admin:admin')"))
				.hasMessageContaining("role");
			assertThatThrownBy(() -> jdbc.update("insert into " + table
					+ " (username, password_hash, created_at, created_by, role) values ('y', 'h', now(), 'a', 'ROOT')"))
				.hasMessageContaining("admin_user_role_check");
		}
	}

}
