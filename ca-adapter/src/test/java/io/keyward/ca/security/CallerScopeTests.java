package io.keyward.ca.security;

import java.util.Arrays;
import java.util.List;

import io.keyward.api.ca.IssueRequest;
import io.keyward.api.ca.IssuedCertificate;
import io.keyward.ca.CaAdapterTest;
import io.keyward.ca.CaApiTests;
import io.keyward.ca.TestCsrs;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.HttpClientErrorException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Least privilege at the CA (issue 13): each caller reaches only what its scopes allow,
 * over real HTTP with the tokens configured as in production (ca-adapter.yml scopes).
 */
class CallerScopeTests extends CaApiTests {

	/** A challenge-service token, an MDM API key, no token: none is a caller here. */
	private static final List<String> STRANGERS = Arrays.asList("challenge-service-token-0123456789",
			"kw_mdmApiKeyThatTheCaNeverHeardOf0123456789abcdefgh", null);

	@Test
	void whenAdminUiAsksForIssuanceThenForbiddenProblem() {
		assertThat(call(HttpMethod.POST, "/api/v1/certificates", CaAdapterTest.ADMIN_UI_TOKEN, issueBody("default")))
			.isEqualTo("403 application/problem+json");
		assertThat(
				call(HttpMethod.POST, "/api/v1/ra-certificates", CaAdapterTest.ADMIN_UI_TOKEN, issueBody("ra-signing")))
			.isEqualTo("403 application/problem+json");
	}

	@Test
	void whenAnUnknownTokenOrNoneIsPresentedThenUnauthorizedProblemOnEveryEndpoint() {
		for (String token : STRANGERS) {
			assertThat(call(HttpMethod.POST, "/api/v1/certificates", token, issueBody("default")))
				.isEqualTo("401 application/problem+json");
			assertThat(call(HttpMethod.POST, "/api/v1/ra-certificates", token, issueBody("ra-signing")))
				.isEqualTo("401 application/problem+json");
			assertThat(call(HttpMethod.GET, "/api/v1/certificates", token, null))
				.isEqualTo("401 application/problem+json");
			assertThat(call(HttpMethod.POST, "/api/v1/certificates/01/revoke", token, "{}"))
				.isEqualTo("401 application/problem+json");
			assertThat(call(HttpMethod.GET, "/api/v1/authorities", token, null))
				.isEqualTo("401 application/problem+json");
		}
	}

	@Test
	void whenChallengeServiceReadsTheCaCertificateOrRevokesThenAllowedAndNothingElse() {
		assertThat(client(CaAdapterTest.CHALLENGE_SERVICE_TOKEN).caCertificates().chainPem()).isNotEmpty();
		String token = CaAdapterTest.CHALLENGE_SERVICE_TOKEN;
		assertThat(call(HttpMethod.POST, "/api/v1/certificates", token, issueBody("default")))
			.isEqualTo("403 application/problem+json");
		assertThat(call(HttpMethod.POST, "/api/v1/ra-certificates", token, issueBody("ra-signing")))
			.isEqualTo("403 application/problem+json");
		assertThat(call(HttpMethod.GET, "/api/v1/certificates", token, null)).isEqualTo("403 application/problem+json");
		// certificates:revoke is the challenge-service's for Intune: past the scope
		// check, an
		// unknown serial
		assertThat(call(HttpMethod.POST, "/api/v1/certificates/01/revoke", token, "{}"))
			.isEqualTo("404 application/problem+json");
		assertThat(call(HttpMethod.GET, "/api/v1/crl/root", token, null)).isEqualTo("403 application/problem+json");
	}

	@Test
	void whenGatewayAsksForAnRaTemplateOnTheGeneralApiThenForbidden() {
		assertThat(call(HttpMethod.POST, "/api/v1/certificates", CaAdapterTest.GATEWAY_TOKEN, issueBody("ra-signing")))
			.isEqualTo("403 application/problem+json");
		assertThat(
				call(HttpMethod.POST, "/api/v1/certificates", CaAdapterTest.GATEWAY_TOKEN, issueBody("ra-encryption")))
			.isEqualTo("403 application/problem+json");
	}

	@Test
	void whenGatewayAsksForATemplateItsProfilesDoNotNameThenForbidden() {
		assertThat(call(HttpMethod.POST, "/api/v1/certificates", CaAdapterTest.GATEWAY_TOKEN, issueBody("wifi")))
			.isEqualTo("403 application/problem+json");
	}

	@Test
	void whenGatewayIssuesOnItsTemplateAndItsRaCertificatesOnTheRaPathThenCreated() {
		String csr = TestCsrs.forKey(TestCsrs.rsa(2048), "CN=scoped.example").base64();
		IssuedCertificate issued = client(CaAdapterTest.GATEWAY_TOKEN)
			.issue(new IssueRequest(csr, "scoped", "default", null));
		assertThat(issued.requestedBy()).as("the CA records who asked").isEqualTo("gateway");
		assertThat(client(CaAdapterTest.ADMIN_UI_TOKEN).certificate(issued.serialNumber()).requestedBy())
			.isEqualTo("gateway");
		String raCsr = TestCsrs.forKey(TestCsrs.rsa(2048), "CN=Keyward RA Signing,O=Keyward").base64();
		assertThat(client(CaAdapterTest.GATEWAY_TOKEN)
			.issueRaCertificate(new IssueRequest(raCsr, "ra", "ra-signing", null))
			.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
		assertThat(call(HttpMethod.POST, "/api/v1/ra-certificates", CaAdapterTest.GATEWAY_TOKEN, issueBody("default")))
			.isEqualTo("403 application/problem+json");
	}

	@Test
	void whenGatewayListsOrSearchesTheInventoryThenForbidden() {
		assertThat(call(HttpMethod.GET, "/api/v1/certificates", CaAdapterTest.GATEWAY_TOKEN, null))
			.isEqualTo("403 application/problem+json");
		assertThat(call(HttpMethod.GET, "/api/v1/certificates/search?q=a", CaAdapterTest.GATEWAY_TOKEN, null))
			.isEqualTo("403 application/problem+json");
	}

	@Test
	void whenAdminUiReadsTheInventoryThenAllowed() {
		assertThat(client(CaAdapterTest.ADMIN_UI_TOKEN).certificates(0, 1).size()).isEqualTo(1);
		assertThat(client(CaAdapterTest.ADMIN_UI_TOKEN).authorities()).isNotEmpty();
		assertThatExceptionOfType(HttpClientErrorException.Forbidden.class)
			.isThrownBy(() -> client(CaAdapterTest.ADMIN_UI_TOKEN).crl("root"));
	}

	@Test
	void whenTheChallengeServiceRevokesThenAllowedAndNothingElse() {
		String csr = TestCsrs.forKey(TestCsrs.rsa(2048), "CN=intune-retired.example").base64();
		IssuedCertificate issued = client(CaAdapterTest.GATEWAY_TOKEN)
			.issue(new IssueRequest(csr, "scoped", "default", null));

		IssuedCertificate revoked = client(CaAdapterTest.CHALLENGE_SERVICE_TOKEN).revoke(issued.serialNumber(),
				new io.keyward.api.ca.RevokeRequest("cessationOfOperation", "revoked by Intune", "intune"));

		assertThat(revoked.status()).isEqualTo("REVOKED");
		String token = CaAdapterTest.CHALLENGE_SERVICE_TOKEN;
		assertThat(call(HttpMethod.POST, "/api/v1/certificates", token, issueBody("default")))
			.isEqualTo("403 application/problem+json");
		assertThat(call(HttpMethod.GET, "/api/v1/certificates", token, null)).isEqualTo("403 application/problem+json");
		assertThat(call(HttpMethod.GET, "/api/v1/certificates/" + issued.serialNumber(), token, null))
			.isEqualTo("403 application/problem+json");
		assertThat(call(HttpMethod.POST, "/api/v1/ca/next", token, "{}")).isEqualTo("403 application/problem+json");
	}

	private String issueBody(String template) {
		String csr = TestCsrs.forKey(TestCsrs.rsa(2048), "CN=boundary.example").base64();
		return "{\"csr\":\"" + csr + "\",\"profile\":\"boundary\",\"template\":\"" + template + "\"}";
	}

	private String call(HttpMethod method, String path, String token, String json) {
		var request = this.restClient.build().method(method).uri("http://127.0.0.1:" + this.port + path);
		if (token != null) {
			request = request.header("Authorization", "Bearer " + token);
		}
		if (json != null) {
			request = request.contentType(MediaType.APPLICATION_JSON).body(json);
		}
		return request.exchange(
				(req, response) -> response.getStatusCode().value() + " " + response.getHeaders().getContentType());
	}

}
