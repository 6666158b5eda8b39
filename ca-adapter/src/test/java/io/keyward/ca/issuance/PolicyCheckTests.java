package io.keyward.ca.issuance;

import java.util.UUID;

import io.keyward.api.ca.IssueRequest;
import io.keyward.ca.CaApiTests;
import io.keyward.ca.TestCsrs;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.web.client.HttpClientErrorException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * {@code POST /api/v1/policy-check}: the gateway asks before it spends a challenge. It
 * refuses what the issue call refuses, with the failInfo the device gets, and stores
 * nothing either way.
 */
class PolicyCheckTests extends CaApiTests {

	@Test
	void whenTheKeyIsTooWeakThenBadAlgAndNothingStored() {
		long before = count();

		assertThatExceptionOfType(HttpClientErrorException.BadRequest.class)
			.isThrownBy(() -> this.client.checkPolicy(new IssueRequest(
					TestCsrs.forKey(TestCsrs.rsa(1024), "CN=weak").base64(), "devices", "default", "tx-weak")))
			.satisfies((ex) -> {
				assertThat(ex.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
				assertThat(ex.getResponseBodyAsString()).contains("1024 bits").contains("\"failInfo\":\"badAlg\"");
			});
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void whenANameOrTheTemplateIsRefusedThenBadRequest() {
		String upn = TestCsrs.forKey(TestCsrs.rsa(2048), "CN=x").san(IdentityBoundIssuanceTests.upn("a@corp")).base64();

		assertThatExceptionOfType(HttpClientErrorException.BadRequest.class)
			.isThrownBy(() -> this.client.checkPolicy(new IssueRequest(upn, "devices", "default", "tx-upn")))
			.satisfies((ex) -> assertThat(ex.getResponseBodyAsString()).contains("does not allow upn")
				.contains("\"failInfo\":\"badRequest\""));
		assertThatExceptionOfType(HttpClientErrorException.BadRequest.class)
			.isThrownBy(
					() -> this.client.checkPolicy(new IssueRequest(TestCsrs.forKey(TestCsrs.rsa(2048), "CN=x").base64(),
							"devices", "no-such-template", null)))
			.satisfies((ex) -> assertThat(ex.getResponseBodyAsString()).contains("unknown template"));
	}

	@Test
	void whenTheRequestIsAcceptableThenNoContentAndNothingIssuedUntilTheIssueCall() {
		long before = count();
		IssueRequest request = new IssueRequest(TestCsrs.forKey(TestCsrs.rsa(2048), "CN=fine").base64(), "devices",
				"default", "tx-" + UUID.randomUUID());

		assertThatNoException().isThrownBy(() -> this.client.checkPolicy(request));
		assertThat(count()).isEqualTo(before);
		assertThat(this.client.issue(request).subject()).isEqualTo("CN=fine");
	}

	private long count() {
		return this.jdbc.queryForObject("select count(*) from ca.certificate", Long.class);
	}

}
