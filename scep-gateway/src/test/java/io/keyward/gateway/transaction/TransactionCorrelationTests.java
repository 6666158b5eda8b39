package io.keyward.gateway.transaction;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.keyward.gateway.AbstractGatewayTests;
import io.keyward.gateway.FakeUpstreams;
import io.keyward.gateway.TestDevice;
import io.keyward.scep.PkiStatus;
import io.keyward.scep.client.CertRepResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, "one correlation id": the transaction carries the redeemed challenge's id and
 * hands it to the ca-adapter; a transaction no challenge authorised has one of its own.
 */
class TransactionCorrelationTests extends AbstractGatewayTests {

	@Test
	void whenTheChallengeIsRedeemedThenTransactionAndIssueRequestCarryItsCorrelationId() throws Exception {
		TestDevice device = new TestDevice("correlated");
		String transactionId = TestDevice.newTransactionId();
		pkiOperation("/scep/default",
				device.pkcsReq(device.csr(FakeUpstreams.GOOD_CHALLENGE), ra().encryptionCertificate(), transactionId));

		assertThat(correlationIdOf(transactionId)).isEqualTo(FakeUpstreams.GOOD_CHALLENGE_CORRELATION_ID);
		assertThat(upstreams.correlationByTransaction).containsEntry(transactionId,
				FakeUpstreams.GOOD_CHALLENGE_CORRELATION_ID);
		HttpResponse<String> response = transactions(
				"correlationId=" + FakeUpstreams.GOOD_CHALLENGE_CORRELATION_ID + "&page=0&size=500");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"transactionId\":\"" + transactionId + "\"")
			.contains("\"correlationId\":\"" + FakeUpstreams.GOOD_CHALLENGE_CORRELATION_ID + "\"");
	}

	/**
	 * The correlation id is written with the outcome, in the outcome's one statement: a
	 * redeemed challenge whose certificate waits for the CA (PENDING) already names the
	 * transaction.
	 */
	@Test
	void whenTheCaIsUnavailableAfterTheRedemptionThenThePendingTransactionCarriesItsCorrelationId() throws Exception {
		TestDevice device = new TestDevice("correlated-pending");
		String transactionId = TestDevice.newTransactionId();
		upstreams.caFailureStatus = 503;
		CertRepResponse pending = device.read(pkiOperation("/scep/default",
				device.pkcsReq(device.csr(FakeUpstreams.GOOD_CHALLENGE), ra().encryptionCertificate(), transactionId)),
				ra().signingCertificate());

		assertThat(pending.status()).isEqualTo(PkiStatus.PENDING);
		assertThat(correlationIdOf(transactionId)).isEqualTo(FakeUpstreams.GOOD_CHALLENGE_CORRELATION_ID);
	}

	/**
	 * An attempt broken by an internal error after the redemption (here the CA's answer
	 * cannot be read) is postponed under the challenge's id too, not under the one the
	 * transaction had before.
	 */
	@Test
	void whenAnAttemptBreaksAfterTheRedemptionThenThePostponedTransactionCarriesItsCorrelationId() throws Exception {
		TestDevice device = new TestDevice("correlated-broken");
		String transactionId = TestDevice.newTransactionId();
		upstreams.unreadableCertificate = true;
		HttpResponse<byte[]> answer = post("/scep/default?operation=PKIOperation",
				device.pkcsReq(device.csr(FakeUpstreams.GOOD_CHALLENGE), ra().encryptionCertificate(), transactionId));

		// the gateway's fault, not the device's: 500, and the finisher tries again later
		assertThat(answer.statusCode()).isEqualTo(500);
		assertThat(this.jdbc.queryForObject("select failure_reason from transaction where transaction_id = ?",
				String.class, transactionId))
			.startsWith("internal error");
		assertThat(correlationIdOf(transactionId)).isEqualTo(FakeUpstreams.GOOD_CHALLENGE_CORRELATION_ID);
	}

	@Test
	void whenTheChallengeIsRefusedThenTheTransactionKeepsAnIdOfItsOwn() throws Exception {
		TestDevice device = new TestDevice("uncorrelated");
		String transactionId = TestDevice.newTransactionId();
		pkiOperation("/scep/default",
				device.pkcsReq(device.csr("not-a-challenge"), ra().encryptionCertificate(), transactionId));

		String own = correlationIdOf(transactionId);
		assertThat(UUID.fromString(own).toString()).isNotEqualTo(FakeUpstreams.GOOD_CHALLENGE_CORRELATION_ID);
		HttpResponse<String> response = transactions("correlationId=" + own);
		assertThat(response.body()).contains("\"transactionId\":\"" + transactionId + "\"")
			.contains("\"status\":\"FAILED\"")
			.contains("\"total\":1");
	}

	/**
	 * The id of its own is the trace id of the gateway's request (issue 15), and a device
	 * cannot choose it: the gateway starts a trace of its own whatever traceparent comes.
	 */
	@Test
	void whenADeviceSendsATraceparentThenTheTransactionsIdIsNotItsTraceId() throws Exception {
		TestDevice device = new TestDevice("chosen-trace");
		String transactionId = TestDevice.newTransactionId();
		HttpResponse<byte[]> answer = this.http.send(HttpRequest.newBuilder(uri("/scep/default?operation=PKIOperation"))
			.header("Content-Type", "application/x-pki-message")
			.header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
			.POST(HttpRequest.BodyPublishers.ofByteArray(
					device.pkcsReq(device.csr("not-a-challenge"), ra().encryptionCertificate(), transactionId)))
			.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(answer.statusCode()).isEqualTo(200);

		assertThat(correlationIdOf(transactionId)).isNotNull().isNotEqualTo("4bf92f35-77b3-4da6-a3ce-929d0e0e4736");
	}

	@Test
	void whenTheCorrelationIdIsNotAUuidThenProblem400() throws Exception {
		HttpResponse<String> response = transactions("correlationId=1%20or%201=1");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
	}

	private String correlationIdOf(String transactionId) {
		return this.jdbc.queryForObject("select correlation_id::text from transaction where transaction_id = ?",
				String.class, transactionId);
	}

	private HttpResponse<String> transactions(String query) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri("/api/v1/transactions?" + query))
			.header("Authorization", "Bearer " + ADMIN_TOKEN)
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

}
