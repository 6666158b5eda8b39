package io.keyward.gateway.scep;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.keyward.gateway.AbstractGatewayTests;
import io.keyward.gateway.TestDevice;
import io.keyward.scep.FailInfo;
import io.keyward.scep.PkiStatus;
import io.keyward.scep.client.CertRepResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15 (observability): enrollments by profile, message type, outcome and failInfo;
 * latency histograms per SCEP operation and per upstream call; the pending queue; all as
 * Prometheus scrapes them from the management port.
 */
class ScepMetricsTests extends AbstractGatewayTests {

	@Autowired
	MeterRegistry meters;

	@Autowired
	Environment environment;

	@Test
	void whenAnEnrollmentIsIssuedThenCountedAsPkcsReqSuccessWithoutFailInfo() throws Exception {
		double before = enrollments("PKCSReq", "success", "none");
		CertRepResponse answer = enroll(new TestDevice("metrics-issued"), "/scep/default",
				TestDevice.newTransactionId());
		assertThat(answer.status()).isEqualTo(PkiStatus.SUCCESS);
		assertThat(enrollments("PKCSReq", "success", "none") - before).isEqualTo(1.0);
	}

	@Test
	void whenTheChallengeIsRefusedThenCountedAsFailureWithItsFailInfo() throws Exception {
		TestDevice device = new TestDevice("metrics-refused");
		double before = enrollments("PKCSReq", "failure", "badRequest");
		CertRepResponse answer = device.read(pkiOperation("/scep/default", device.pkcsReq(device.csr("WRONG-CHALLENGE"),
				ra().encryptionCertificate(), TestDevice.newTransactionId())), ra().signingCertificate());
		assertThat(answer.failInfo()).isEqualTo(FailInfo.BAD_REQUEST);
		assertThat(enrollments("PKCSReq", "failure", "badRequest") - before).isEqualTo(1.0);
	}

	@Test
	void whenPkiOperationIsServedThenTheScrapeHasItsHistogramAndTheUpstreamCallsHistograms() throws Exception {
		enroll(new TestDevice("metrics-histogram"), "/scep/default", TestDevice.newTransactionId());
		get("/scep/default?operation=GetCACaps");

		String scrape = scrape();

		assertThat(scrape).containsPattern(
				"keyward_scep_requests_seconds_bucket\\{[^}]*operation=\"PKIOperation\",profile=\"default\",status=\"200\"")
			.containsPattern(
					"keyward_scep_requests_seconds_count\\{[^}]*operation=\"GetCACaps\",profile=\"default\",status=\"200\"")
			.containsPattern("keyward_scep_enrollments_total\\{failInfo=\"none\",messageType=\"PKCSReq\","
					+ "outcome=\"success\",profile=\"default\"")
			// gateway -> challenge-service and gateway -> ca-adapter, named by the call
			.containsPattern(
					"http_client_requests_seconds_bucket\\{[^}]*uri=\"/internal/v1/redemptions\"[^}]*le=\"0.05\"")
			.containsPattern("http_client_requests_seconds_bucket\\{[^}]*uri=\"/api/v1/certificates\"[^}]*le=\"0.05\"");
	}

	@Test
	void whenTheCaIsDownThenThePendingQueueGrowsAndShrinksOnceCompleted() throws Exception {
		double before = pending();
		TestDevice device = new TestDevice("metrics-pending");
		String transactionId = pendingEnrollment(device, "/scep/default");
		assertThat(pending() - before).isEqualTo(1.0);
		assertThat(scrape()).contains("keyward_gateway_transactions_pending ");

		upstreams.caFailureStatus = null;
		assertThat(device.read(poll(device, transactionId), ra().signingCertificate()).status())
			.isEqualTo(PkiStatus.SUCCESS);
		assertThat(pending()).isEqualTo(before);
	}

	private double pending() {
		return this.meters.get("keyward.gateway.transactions.pending").gauge().value();
	}

	private double enrollments(String messageType, String outcome, String failInfo) {
		Counter counter = this.meters.find("keyward.scep.enrollments")
			.tags("profile", "default", "messageType", messageType, "outcome", outcome, "failInfo", failInfo)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private String scrape() throws Exception {
		int port = this.environment.getRequiredProperty("local.management.port", Integer.class);
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

}
