package io.keyward.gateway.security;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;

import io.keyward.gateway.AbstractGatewayTests;
import io.keyward.gateway.FakeUpstreams;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only the admin-ui may read the gateway's transactions and RA certificates and decide
 * approvals (issue 13): the gateway's own credential, an MDM API key or no token at all
 * get 401 with a problem document on every API path.
 */
class ApiCallerTests extends AbstractGatewayTests {

	private static final List<String> STRANGERS = Arrays.asList(FakeUpstreams.SERVICE_TOKEN,
			"kw_mdmApiKeyThatTheGatewayNeverHeardOf0123456789abcdef", null);

	@Test
	void whenAnyoneButTheAdminUiCallsTheApiThenUnauthorizedProblem() throws Exception {
		for (String token : STRANGERS) {
			assertThat(send("GET", "/api/v1/transactions", token)).isEqualTo("401 application/problem+json");
			assertThat(send("GET", "/api/v1/ra", token)).isEqualTo("401 application/problem+json");
			assertThat(send("GET", "/api/v1/ra/tls", token)).isEqualTo("401 application/problem+json");
			assertThat(send("GET", "/api/v1/profiles", token)).isEqualTo("401 application/problem+json");
			assertThat(send("GET", "/api/v1/transactions?correlationId=" + FakeUpstreams.GOOD_CHALLENGE_CORRELATION_ID,
					token))
				.isEqualTo("401 application/problem+json");
			assertThat(send("POST", "/api/v1/transactions/1/approve", token)).isEqualTo("401 application/problem+json");
			assertThat(send("POST", "/api/v1/transactions/1/reject", token)).isEqualTo("401 application/problem+json");
		}
	}

	@Test
	void whenTheAdminUiCallsAPathOutsideItsScopesThenForbiddenProblem() throws Exception {
		assertThat(send("DELETE", "/api/v1/transactions", ADMIN_TOKEN)).isEqualTo("403 application/problem+json");
		assertThat(send("GET", "/api/v1/ra", ADMIN_TOKEN)).startsWith("200");
		assertThat(send("GET", "/api/v1/ra/tls", ADMIN_TOKEN)).startsWith("200");
		assertThat(send("POST", "/api/v1/ra/tls", ADMIN_TOKEN)).isEqualTo("403 application/problem+json");
		assertThat(send("POST", "/api/v1/profiles", ADMIN_TOKEN)).isEqualTo("403 application/problem+json");
	}

	private String send(String method, String path, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.method(method, HttpRequest.BodyPublishers.ofString("{}"))
			.header("Content-Type", "application/json");
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		return response.statusCode() + " " + response.headers().firstValue("Content-Type").orElse("");
	}

}
