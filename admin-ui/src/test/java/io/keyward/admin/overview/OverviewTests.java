package io.keyward.admin.overview;

import java.net.http.HttpResponse;

import io.keyward.admin.AdminUiTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OverviewTests extends AdminUiTestSupport {

	@Test
	void whenSignedInThenChartsExpiryApprovalsKeysCrlsAndHealthShown() {
		HttpResponse<String> page = signedIn().get("/overview");

		assertThat(page.statusCode()).isEqualTo(200);
		String body = page.body();
		assertThat(body).contains("<svg")
			.contains("<title>12:00: 5 issued, 2 refused</title>")
			.contains("<title>03-01: 20 issued, 3 refused</title>")
			.contains("id=\"pending-approvals\">4<")
			.contains("id=\"expiring-7\">3<")
			.contains("id=\"expiring-30\">17<")
			.contains("id=\"expiring-90\">42<")
			.contains("href=\"/certificates?q=status:valid%20expires:%3C30d&amp;sort=expires:asc\"")
			.contains("class=\"crl-age\">")
			.doesNotContain("is down:");
		assertThat(body.split("class=\"bar-issued\"", -1)).hasSize(24 + 30 + 1);
		// the tallest bar of the hour chart (7 of 7) fills the height, the others 1/7 of
		// it
		assertThat(body).contains("x=\"368\" y=\"0\" height=\"34\"").contains("y=\"103\" height=\"17\"");
		assertThat(body.split("health-up", -1)).hasSize(5);
		// the gateway's TLS certificate with the CA and RA rows, marked (it has expired)
		assertThat(body).containsPattern("<tr class=\"warn\">\\s*<td>TLS \\(scep-gateway\\)</td>")
			.contains("CN=gateway.example")
			.contains("2026-03-20 12:00:00");
		assertThat(body).contains("bad challenge").doesNotContain("<script>alert(1)</script>");
		assertThat(body).contains("&lt;script&gt;alert(1)&lt;/script&gt; bad challenge");
	}

	@Test
	void whenTheNavIsShownThenOverviewIsItsFirstLink() {
		String body = signedIn().get("/certificates").body();
		String nav = body.substring(body.indexOf("<nav"));

		// the overview is the home page, the enrollments list has its own path
		assertThat(nav.indexOf("href=\"/\"")).isGreaterThan(0).isLessThan(nav.indexOf("href=\"/enrollments\""));
		assertThat(signedIn().get("/").body()).contains("<title>Overview");
	}

	@Test
	void whenUnauthenticatedThenRedirectedToLogin() {
		assertThat(browser().get("/overview").statusCode()).isEqualTo(302);
	}

}
