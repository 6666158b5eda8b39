package io.keyward.admin.certificate;

import java.net.http.HttpResponse;

import io.keyward.admin.AdminUiTestSupport;
import io.keyward.admin.FakeServices;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CertificatesTests extends AdminUiTestSupport {

	@Test
	void whenSignedInThenIssuedCertificatesShown() {
		HttpResponse<String> page = signedIn().get("/certificates");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("5E1F00A7C3")
			.contains("CN=iphone-4711,O=Example")
			.contains("dns:iphone-4711.example")
			.contains("2027-03-01 10:15:31")
			.contains("device");
	}

	@Test
	void whenSubjectAltNameCarriesMarkupThenItIsEscaped() {
		String body = signedIn().get("/certificates").body();

		assertThat(body).contains("email:&lt;b&gt;x&lt;/b&gt;@example.com").doesNotContain("<b>x</b>");
	}

	@Test
	void whenUnauthenticatedThenRedirectedToLogin() {
		assertThat(browser().get("/certificates").statusCode()).isEqualTo(302);
	}

	@Test
	void whenExportingASearchThenCsvOfThatSearchWithFormulasDefused() {
		HttpResponse<String> csv = signedIn().get("/certificates.csv?q=formula%20status:revoked&sort=subject:desc");

		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/csv"));
		assertThat(csv.headers().firstValue("Content-Disposition"))
			.hasValue("attachment; filename=\"keyward-certificates.csv\"");
		assertThat(csv.headers().firstValue(CertificateExportController.TRUNCATED_HEADER)).hasValue("false");
		assertThat(csv.body()).startsWith("\"serial\",\"status\",\"subject\",")
			.contains("\r\n\"5E1F00A7C3\",\"")
			.contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",")
			.contains("\"dns:iphone-4711.example email:<b>x</b>@example.com\"")
			.endsWith("\r\n");
		assertThat(FakeServices.get().queries())
			.anySatisfy((query) -> assertThat(query).contains("q=formula status:revoked")
				.contains("sort=subject:desc")
				.contains("size=500"));
	}

	@Test
	void whenFilteredPerColumnThenTheFiltersBuildTheQueryAndStaySelected() {
		String body = signedIn()
			.get("/certificates?q=iphone&status=VALID&profile=routers&template=windows-user&expiring=30")
			.body();

		assertThat(FakeServices.get().queries())
			.anySatisfy((query) -> assertThat(query).startsWith("/api/v1/certificates/search?")
				.contains("q=iphone profile:routers template:windows-user expires:<30d")
				.contains("status=VALID"));
		assertThat(body).contains("<option value=\"routers\" selected=\"selected\">routers</option>")
			.contains("<option value=\"windows-user\" selected=\"selected\">windows-user</option>")
			.contains("<option value=\"default\">default</option>")
			.contains("<option value=\"30\" selected=\"selected\">30 days</option>")
			.contains("href=\"/certificates.csv?q=iphone&amp;profile=routers&amp;template=windows-user&amp;"
					+ "expiring=30&amp;status=VALID\"");
	}

	@Test
	void whenExportedWithFiltersThenTheCsvSearchesTheSame() {
		HttpResponse<String> csv = signedIn().get("/certificates.csv?q=iphone&template=windows-user&expiring=7");

		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(FakeServices.get().queries())
			.anySatisfy((query) -> assertThat(query).contains("q=iphone template:windows-user expires:<7d")
				.contains("size=500"));
	}

	@Test
	void whenSortedThenTheHeadersLinkTheReverseOrderAndSayWhichWay() {
		String body = signedIn().get("/certificates?q=iphone&sort=subject:asc").body();

		assertThat(body).contains("aria-sort=\"ascending\"")
			.contains("href=\"/certificates?q=iphone&amp;sort=subject:desc\"")
			.contains("href=\"/certificates?q=iphone&amp;sort=expires:asc\"")
			.contains("href=\"/certificates.csv?q=iphone&amp;sort=subject:asc\"");
		assertThat(FakeServices.get().queries())
			.anySatisfy((query) -> assertThat(query).contains("q=iphone").contains("sort=subject:asc"));
	}

	@Test
	void whenTheCaCannotReadTheQueryThenTheBannerSaysWhyAndThePageStillRenders() {
		HttpResponse<String> page = signedIn().get("/certificates?q=expires:soon");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("class=\"banner\"")
			.contains("expires: takes &lt;, &gt; or nothing before a date")
			.contains("value=\"expires:soon\"");
	}

	@Test
	void whenExportingUnauthenticatedThenRedirectedToLogin() {
		assertThat(browser().get("/certificates.csv?q=x").statusCode()).isEqualTo(302);
	}

}
