package io.keyward.admin.token;

import java.util.List;

import io.keyward.admin.AdminUiTestSupport;
import io.keyward.admin.Browser;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class TokensListTests extends AdminUiTestSupport {

	@Autowired
	private AdminTokens tokens;

	@Test
	void whenFilteredByScopeAndStateThenOnlyThoseTokensAndSortedBothWays() {
		String prefix = "lst" + System.nanoTime();
		this.tokens.create(prefix + "-a", List.of(AdminScope.values()[0]), "admin:admin");
		long revoked = this.tokens.create(prefix + "-b", List.of(AdminScope.values()[0]), "admin:admin").token().id();
		this.tokens.create(prefix + "-c", List.of(AdminScope.values()[1]), "admin:admin");
		this.tokens.revoke(revoked, "admin:admin");
		String scope = AdminScope.values()[0].scopeName();
		Browser browser = signedIn();

		String active = browser.get("/tokens?q=" + prefix + "&scope=" + scope + "&state=active").body();
		String up = browser.get("/tokens?q=" + prefix + "&sort=name&dir=asc").body();
		String down = browser.get("/tokens?q=" + prefix + "&sort=name&dir=desc").body();
		String csv = browser.get("/tokens.csv?q=" + prefix + "&state=revoked").body();

		assertThat(active).contains("1 of ")
			.contains(prefix + "-a")
			.doesNotContain(prefix + "-b")
			.doesNotContain(prefix + "-c");
		assertThat(up.indexOf(prefix + "-a")).isLessThan(up.indexOf(prefix + "-c"));
		assertThat(down.indexOf(prefix + "-c")).isLessThan(down.indexOf(prefix + "-a"));
		assertThat(csv.split("\r\n")).hasSize(2);
		assertThat(csv).contains("\"" + prefix + "-b\"").contains("revoked by admin:admin").doesNotContain("kwa_");
	}

}
