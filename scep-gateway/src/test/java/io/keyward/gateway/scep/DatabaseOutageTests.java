package io.keyward.gateway.scep;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.keyward.gateway.AbstractGatewayTests;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;

/**
 * While PostgreSQL restarts the gateway cannot record a transaction: the device gets a
 * retryable 503 with a short text, never a 500 or a stack trace (issue 4, faults).
 */
class DatabaseOutageTests extends AbstractGatewayTests {

	@MockitoBean
	PkiOperationHandler pkiOperations;

	@Test
	void whenTheDatabaseIsUnavailableThenPkiOperationAnswers503() throws Exception {
		given(this.pkiOperations.handle(any(), any()))
			.willThrow(new DataAccessResourceFailureException("terminating connection due to administrator command"));
		HttpResponse<String> response = this.http.send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/scep/default?operation=PKIOperation"))
			.POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] { 0x30, 0x00 }))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.body()).isEqualToIgnoringNewLines("database not available, retry later")
			.doesNotContain("administrator command");
	}

}
