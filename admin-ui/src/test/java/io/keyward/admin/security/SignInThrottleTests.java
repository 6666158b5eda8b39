package io.keyward.admin.security;

import java.net.http.HttpResponse;

import io.keyward.admin.AdminUiTestSupport;
import io.keyward.admin.Browser;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password guessing at the sign-in form, over real HTTP against the real database: five
 * failures lock the account, twenty lock the address, the right password is refused
 * during a lock with the same answer as a wrong one, and the answer says to wait.
 */
class SignInThrottleTests extends AdminUiTestSupport {

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void whenFiveWrongPasswordsThenRightPasswordRefusedWithWaitMessage() {
		long start = this.jdbc.queryForObject("select seq from admin.audit_head", Long.class);
		for (int i = 0; i < 4; i++) {
			assertThat(location(browser().login("admin", "wrong password " + i))).endsWith("/login?error");
		}
		assertThat(location(browser().login("admin", "wrong password 4"))).endsWith("/login?wait=1");
		assertThat(recordedFailures(start)).isEqualTo(5);
		assertThat(this.jdbc.queryForObject(
				"select detail from admin.audit_record where seq = (select seq from " + "admin.audit_head)",
				String.class))
			.isEqualTo("locked_for=PT1M");

		Browser browser = browser();
		HttpResponse<String> right = browser.login("admin", PASSWORD);

		assertThat(location(right)).endsWith("/login?wait=1");
		assertThat(browser.get("/").statusCode()).isEqualTo(302);
		assertThat(browser.get("/login?wait=1").body())
			.contains("Too many failed sign-ins for this account or from this address. Wait 1 minute, then try again.")
			.doesNotContain("Invalid username or password.");
		assertThat(location(browser().login("admin", "wrong password 5"))).endsWith("/login?wait=1");
		assertThat(recordedFailures(start)).as("attempts during the lock are not recorded").isEqualTo(5);
	}

	@Test
	void whenLockPassedThenRightPasswordSignsInAndFailuresForgiven() {
		for (int i = 0; i < 5; i++) {
			browser().login("admin", "wrong password " + i);
		}
		lockPasses();

		assertThat(location(browser().login("admin", PASSWORD))).doesNotContain("error").doesNotContain("wait");
		assertThat(this.jdbc
			.queryForObject("select count(*) from admin.sign_in_throttle where subject = 'account:admin'", Long.class))
			.isZero();
	}

	@Test
	void whenWrongAgainAfterLockThenLockDoubles() {
		for (int i = 0; i < 5; i++) {
			browser().login("admin", "wrong password " + i);
		}
		lockPasses();

		assertThat(location(browser().login("admin", "wrong password 5"))).endsWith("/login?wait=2");
		assertThat(location(browser().login("admin", PASSWORD))).endsWith("/login?wait=2");
	}

	@Test
	void whenAccountDoesNotExistThenLockedAlikeSoTheLockRevealsNothing() {
		for (int i = 0; i < 4; i++) {
			assertThat(location(browser().login("nobody", "wrong password " + i))).endsWith("/login?error");
		}

		assertThat(location(browser().login("nobody", "wrong password 4"))).endsWith("/login?wait=1");
		assertThat(location(browser().login("admin", PASSWORD))).doesNotContain("wait");
	}

	@Test
	void whenTwentyFailuresFromOneAddressThenEveryAccountRefusedThere() {
		for (int i = 0; i < 19; i++) {
			assertThat(location(browser().login("guess" + i, "wrong password"))).endsWith("/login?error");
		}
		assertThat(location(browser().login("guess19", "wrong password"))).endsWith("/login?wait=1");

		assertThat(location(browser().login("admin", PASSWORD))).endsWith("/login?wait=1");
	}

	@Test
	void whenWaitParameterIsNotANumberThenNoMessageAndNoError() {
		HttpResponse<String> page = browser().get("/login?wait=%3Cscript%3E");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).doesNotContain("Too many failed sign-ins").doesNotContain("<script>");
	}

	private long recordedFailures(long after) {
		return this.jdbc.queryForObject("select count(*) from admin.audit_record where seq > ? "
				+ "and action = 'admin_sign_in_failed' and target = 'admin:admin'", Long.class, after);
	}

	private void lockPasses() {
		this.jdbc.update("update admin.sign_in_throttle set locked_until = now() - interval '1 second'");
	}

	private static String location(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(302);
		return response.headers().firstValue("Location").orElseThrow();
	}

}
