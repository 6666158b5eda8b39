package io.keyward.admin.certificate;

import java.net.http.HttpResponse;

import io.keyward.admin.AdminUiTestSupport;
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

}
