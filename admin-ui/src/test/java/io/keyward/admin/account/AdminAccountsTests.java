package io.keyward.admin.account;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.keyward.admin.AdminUiTestSupport;
import io.keyward.admin.Browser;
import io.keyward.admin.token.AdminScope;
import io.keyward.admin.token.AdminTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admin accounts over the admin API and the admins page: created with a one-time
 * password, given another role, disabled; the last administrator stays.
 */
class AdminAccountsTests extends AdminUiTestSupport {

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private AdminTokens tokens;

	private String tokenName;

	private String token;

	/**
	 * A token of this test's own: other test classes revoke or replace the bootstrap one.
	 */
	@BeforeEach
	void adminsToken() {
		this.tokenName = name("admins");
		this.token = this.tokens.create(this.tokenName, List.of(AdminScope.ADMINS_MANAGE), "admin:test").secret();
	}

	@Test
	void whenCreatedOverTheApiThenTheOneTimePasswordIsShownOnceAndMustBeChangedAtFirstSignIn() {
		String name = name("carol");

		HttpResponse<String> created = api(this.token).post("/api/v1/admins",
				"{\"username\":\"" + name + "\",\"role\":\"AUDITOR\"}");

		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(created.body()).contains("\"role\":\"AUDITOR\"", "\"mustChangePassword\":true",
				"\"createdBy\":\"token:" + this.tokenName + "\"");
		String initial = created.body().replaceAll(".*\"initialPassword\":\"([A-Za-z0-9]+)\".*", "$1");
		assertThat(initial).hasSize(20);
		assertThat(api(this.token).get("/api/v1/admins").body()).contains(name).doesNotContain(initial);
		Browser browser = browser();
		assertThat(browser.login(name, initial).statusCode()).isEqualTo(302);
		HttpResponse<String> first = browser.get("/certificates");
		assertThat(first.statusCode()).isEqualTo(302);
		assertThat(first.headers().firstValue("Location").orElse("")).endsWith("/account/password?required");
		assertThat(browser.get("/account/password?required").body()).contains("Choose your own password");
		String csrf = Browser.csrfToken(browser.get("/account/password").body());
		assertThat(browser
			.post("/account/password", Map.of("currentPassword", initial, "newPassword", PASSWORD, "confirmPassword",
					PASSWORD, "_csrf", csrf))
			.statusCode()).isEqualTo(302);
		assertThat(browser.get("/certificates").statusCode()).isEqualTo(200);
		assertThat(audited("admin_created", name)).isEqualTo("token:" + this.tokenName + " role=AUDITOR");
	}

	@Test
	void whenTheLastAdministratorIsDisabledOrDemotedThenConflictProblemUntilThereIsAnother() {
		HttpResponse<String> disable = api(this.token).post("/api/v1/admins/admin/disable", "");
		HttpResponse<String> demote = api(this.token).post("/api/v1/admins/admin/role", "{\"role\":\"APPROVER\"}");

		assertThat(disable.statusCode()).isEqualTo(409);
		assertThat(disable.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		assertThat(disable.body()).contains("last enabled administrator");
		assertThat(demote.statusCode()).isEqualTo(409);
		api(this.token).post("/api/v1/admins", "{\"username\":\"" + name("dave") + "\",\"role\":\"ADMINISTRATOR\"}");
		HttpResponse<String> demoted = api(this.token).post("/api/v1/admins/admin/role", "{\"role\":\"APPROVER\"}");
		assertThat(demoted.statusCode()).isEqualTo(200);
		assertThat(demoted.body()).contains("\"role\":\"APPROVER\"");
		assertThat(audited("admin_role_changed", "admin"))
			.isEqualTo("token:" + this.tokenName + " from=ADMINISTRATOR to=APPROVER");
	}

	@Test
	void whenAnAdminIsDisabledThenItsSessionEndsAtTheNextRequestAndItCannotSignInAgain() {
		String name = name("eve");
		Browser eve = signedInAs(name, AdminRole.APPROVER);
		assertThat(eve.get("/requests").statusCode()).isEqualTo(200);

		HttpResponse<String> disabled = api(this.token).post("/api/v1/admins/" + name + "/disable", "");

		assertThat(disabled.statusCode()).isEqualTo(200);
		assertThat(disabled.body()).contains("\"enabled\":false", "\"disabledBy\":\"token:" + this.tokenName + "\"");
		HttpResponse<String> next = eve.get("/requests");
		assertThat(next.statusCode()).isEqualTo(302);
		assertThat(next.headers().firstValue("Location").orElse("")).endsWith("/login?disabled");
		assertThat(eve.get("/requests").headers().firstValue("Location").orElse("")).endsWith("/login");
		assertThat(browser().get("/login?disabled").body()).contains("this admin account is disabled");
		assertThat(browser().login(name, PASSWORD).headers().firstValue("Location").orElse(""))
			.endsWith("/login?error");
		assertThat(api(this.token).post("/api/v1/admins/" + name + "/disable", "").statusCode()).isEqualTo(409);
		assertThat(audited("admin_disabled", name)).isEqualTo("token:" + this.tokenName + " role=APPROVER");
		assertThat(browser().get("/actuator/prometheus").body())
			.containsPattern("keyward_admin_accounts\\{[^}]*role=\"APPROVER\"[^}]*} 0\\.0")
			.containsPattern("keyward_admin_accounts\\{[^}]*role=\"ADMINISTRATOR\"[^}]*} 1\\.0");
	}

	@Test
	void whenTheRoleChangesThenTheOpenSessionHoldsTheNewRoleAtItsNextRequest() {
		String name = name("frank");
		Browser frank = signedInAs(name, AdminRole.ADMINISTRATOR);
		String csrf = Browser.csrfToken(frank.get("/admins").body());
		assertThat(frank.get("/admins").body()).contains("id=\"create-admin\"");

		api(this.token).post("/api/v1/admins/" + name + "/role", "{\"role\":\"AUDITOR\"}");

		HttpResponse<String> refused = frank.post("/admins",
				Map.of("username", name("x"), "role", "AUDITOR", "_csrf", csrf));
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).contains("Your role (AUDITOR) may read this dashboard but not make this change.")
			.doesNotContain("reload the page");
		assertThat(frank.get("/admins").body()).contains(name).doesNotContain("id=\"create-admin\"");
		assertThat(audited("admin_action_refused", "path:/admins"))
			.isEqualTo("admin:" + name + " method=POST role=AUDITOR");
	}

	@Test
	void whenAnAdministratorCreatesOneOnThePageThenItsPasswordIsShownOnTheNextViewOnly() {
		Browser admin = signedIn();
		String name = name("grace");
		String csrf = Browser.csrfToken(admin.get("/admins").body());

		HttpResponse<String> created = admin.post("/admins",
				Map.of("username", name, "role", "APPROVER", "_csrf", csrf));

		assertThat(created.statusCode()).isEqualTo(302);
		String page = admin.get("/admins").body();
		assertThat(page).contains("id=\"initial-password\"", name, "APPROVER");
		assertThat(admin.get("/admins").body()).doesNotContain("id=\"initial-password\"");
		assertThat(audited("admin_created", name)).isEqualTo("admin:admin role=APPROVER");
		HttpResponse<String> disabledSelf = admin.post("/admins/admin/disable", Map.of("_csrf", csrf));
		assertThat(disabledSelf.statusCode()).isEqualTo(302);
		assertThat(admin.get("/admins").body()).contains("last enabled administrator");
	}

	@Test
	void whenTheRequestIsWrongThenProblems() {
		assertThat(api(this.token).post("/api/v1/admins", "{\"username\":\"<b>\",\"role\":\"AUDITOR\"}").statusCode())
			.isEqualTo(400);
		HttpResponse<String> role = api(this.token).post("/api/v1/admins",
				"{\"username\":\"" + name("h") + "\",\"role\":\"ROOT\"}");
		assertThat(role.statusCode()).isEqualTo(400);
		assertThat(role.body()).contains("role must be one of ADMINISTRATOR, APPROVER, AUDITOR");
		assertThat(api(this.token).post("/api/v1/admins", "{\"username\":\"admin\",\"role\":\"AUDITOR\"}").statusCode())
			.isEqualTo(409);
		assertThat(api(this.token).post("/api/v1/admins/nobody-here/disable", "").statusCode()).isEqualTo(404);
		assertThat(api(this.token).post("/api/v1/admins", "{").statusCode()).isEqualTo(400);
	}

	private String audited(String action, String username) {
		String target = username.startsWith("path:") ? username : "admin:" + username;
		return this.jdbc.queryForObject(
				"select actor || ' ' || coalesce(detail, '') from admin.audit_record where action = ? and target = ? "
						+ "order by seq desc limit 1",
				String.class, action, target);
	}

	private static String name(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
