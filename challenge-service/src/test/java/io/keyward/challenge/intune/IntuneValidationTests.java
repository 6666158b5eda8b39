package io.keyward.challenge.intune;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.keyward.testsupport.intune.FakeIntune;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.keyward.api.challenge.RedemptionRequest;
import io.keyward.api.challenge.RedemptionResult;
import io.keyward.api.event.EnrollmentEvent;
import io.keyward.challenge.IntegrationTestSupport;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code intune} challenge mode against a local fake of Entra, Graph and Intune that
 * checks every header and body field of the connector library's wire format, over the
 * challenge-service's real redemption endpoint.
 */
class IntuneValidationTests extends IntegrationTestSupport {

	static final String PROFILE = "intune-hf";

	static final FakeIntune FAKE = start();

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	IntuneServiceLocator services;

	@Autowired
	IntuneRevocationSync revocations;

	@DynamicPropertySource
	static void intune(DynamicPropertyRegistry registry) {
		registry.add("keyward.challenge.profiles." + PROFILE + ".mode", () -> "intune");
		registry.add("keyward.challenge.profiles." + PROFILE + ".template", () -> "intune-device");
		registry.add("keyward.challenge.intune.tenant", () -> FakeIntune.TENANT);
		registry.add("keyward.challenge.intune.client-id", () -> FakeIntune.CLIENT_ID);
		registry.add("keyward.challenge.intune.client-secret", () -> FakeIntune.SECRET);
		registry.add("keyward.challenge.intune.authority", FAKE::base);
		registry.add("keyward.challenge.intune.graph-url", () -> FAKE.base() + "graph/");
		registry.add("keyward.challenge.intune.provider-name-and-version", () -> FakeIntune.PROVIDER);
		registry.add("keyward.challenge.intune.timeout", () -> "700ms");
		registry.add("keyward.challenge.intune.notification-backoff", () -> "0s");
		registry.add("keyward.challenge.intune.revocation-interval", () -> "0s");
		registry.add("keyward.challenge.ca.url", FAKE::base);
		registry.add("keyward.challenge.ca.token", () -> FakeIntune.CA_TOKEN);
	}

	@BeforeEach
	void resetFake() {
		FAKE.calls.clear();
		FAKE.revoked.clear();
		FAKE.successAnswer = "Success";
		FAKE.discoveryBroken = false;
	}

	@AfterEach
	void noViolations() {
		assertThat(FAKE.violations).isEmpty();
	}

	@AfterAll
	static void stop() {
		FAKE.close();
	}

	@Test
	void whenIntuneAcceptsThenIssuedAndSuccessNotifiedWithEveryField() throws Exception {
		String transactionId = "Intune+Txn/" + UUID.randomUUID();
		String csr = TestCsrs.csr("device-accepted");
		RedemptionRequest request = request(transactionId, csr);

		assertThat(call("/internal/v1/redemptions/preview", request).neverPending()).as("Intune devices do not wait")
			.isTrue();
		RedemptionResult redeemed = call("/internal/v1/redemptions", request);

		assertThat(redeemed.accepted()).isTrue();
		assertThat(redeemed.neverPending()).isTrue();
		assertThat(redeemed.template()).isEqualTo("intune-device");
		FakeIntune.Call validation = FAKE.next("/ScepActions/validateRequest");
		assertThat(validation.inner("request")).containsEntry("transactionId", transactionId)
			.containsEntry("certificateRequest", csr)
			.containsEntry("callerInfo", FakeIntune.PROVIDER);
		assertThat(FAKE.calls).as("the preview and the redemption ask Intune once").isEmpty();
		assertThat(keptCsrOf(transactionId)).as("kept in the database, for any replica and after a restart")
			.containsExactly(csr);

		this.events.publishEvent(issued(transactionId, "0A1B2C"));
		FakeIntune.Call success = FAKE.next("/ScepActions/successNotification");
		assertThat(success.inner("notification")).containsEntry("transactionId", transactionId)
			.containsEntry("certificateRequest", csr)
			.containsEntry("certificateSerialNumber", "0A1B2C")
			.containsEntry("certificateThumbprint", "00112233445566778899AABBCCDDEEFF00112233")
			.containsEntry("certificateExpirationDateUtc", "2027-12-05T10:00:00Z")
			.containsEntry("issuingCertificateAuthority", "CN=Keyward Root CA,O=Keyward");
		assertThat(success.clientRequestId()).isNotEqualTo(validation.clientRequestId());
		assertThat(keptCsrOf(transactionId)).as("gone once reported").isEmpty();
	}

	private java.util.List<String> keptCsrOf(String transactionId) {
		return this.jdbc.queryForList("select csr from challenge.intune_validated_request where transaction_id = ?",
				String.class, transactionId);
	}

	@Test
	void whenGatewayRepeatsTheRedemptionThenIntuneIsNotAskedAgain() throws Exception {
		String transactionId = "repeat-" + UUID.randomUUID();
		RedemptionRequest request = request(transactionId, TestCsrs.csr("device-repeat"));
		assertThat(call("/internal/v1/redemptions", request).accepted()).isTrue();
		FAKE.next("/validateRequest");

		assertThat(call("/internal/v1/redemptions", request).accepted()).isTrue();
		assertThat(FAKE.calls).isEmpty();
	}

	@Test
	void whenIntuneRefusesThenRejectedWithItsCodeAndNothingToNotify() throws Exception {
		String transactionId = "refused-" + UUID.randomUUID();
		FAKE.validation.put(transactionId, "SubjectNameMismatch");

		RedemptionResult result = call("/internal/v1/redemptions", request(transactionId, TestCsrs.csr("other")));

		assertThat(result.accepted()).isFalse();
		assertThat(result.reason()).isEqualTo("Intune refused the request: SubjectNameMismatch");
		FAKE.next("/validateRequest");
		this.events.publishEvent(issued(transactionId, "0BAD"));
		assertThat(FAKE.calls.poll()).isNull();
	}

	@Test
	void whenIntuneAnswers500ThenTriedOnceMoreThenRejectedNotPending() throws Exception {
		String transactionId = "down-" + UUID.randomUUID();
		FAKE.validation.put(transactionId, "500");

		RedemptionResult result = call("/internal/v1/redemptions", request(transactionId, TestCsrs.csr("down")));

		assertThat(result.accepted()).isFalse();
		assertThat(result.reason()).isEqualTo(IntuneValidator.UNAVAILABLE);
		FAKE.next("/validateRequest");
		FAKE.next("/validateRequest");
		assertThat(FAKE.calls).isEmpty();
	}

	@Test
	void whenIntuneDoesNotAnswerInTimeThenRejected() {
		String transactionId = "slow-" + UUID.randomUUID();
		FAKE.validation.put(transactionId, "slow");

		RedemptionResult result = call("/internal/v1/redemptions", request(transactionId, TestCsrs.csr("slow")));

		assertThat(result.accepted()).isFalse();
		assertThat(result.reason()).isEqualTo(IntuneValidator.UNAVAILABLE);
	}

	@Test
	void whenTheTokenNearsItsExpiryOrIsRefusedThenANewOneIsFetched() throws Exception {
		assertThat(call("/internal/v1/redemptions", request("t1-" + UUID.randomUUID(), TestCsrs.csr("t1"))).accepted())
			.isTrue();
		int issued = FAKE.tokensIssued.get();

		this.clock.advance(Duration.ofMinutes(56));
		assertThat(call("/internal/v1/redemptions", request("t2-" + UUID.randomUUID(), TestCsrs.csr("t2"))).accepted())
			.isTrue();
		assertThat(FAKE.tokensIssued.get()).as("refreshed five minutes before expiry").isEqualTo(issued + 1);

		FAKE.revokeTokens();
		assertThat(call("/internal/v1/redemptions", request("t3-" + UUID.randomUUID(), TestCsrs.csr("t3"))).accepted())
			.isTrue();
		assertThat(FAKE.tokensIssued.get()).as("a token Intune refused is replaced").isEqualTo(issued + 2);
	}

	@Test
	void whenDiscoveryFailsThenRejectedAndTheNextRequestDiscoversAgain() {
		this.services.forget();
		FAKE.discoveryBroken = true;
		RedemptionResult refused = call("/internal/v1/redemptions",
				request("disc-" + UUID.randomUUID(), TestCsrs.csr("disc")));
		assertThat(refused.accepted()).isFalse();
		assertThat(refused.reason()).isEqualTo(IntuneValidator.UNAVAILABLE);

		FAKE.discoveryBroken = false;
		int before = FAKE.discoveries.get();
		assertThat(
				call("/internal/v1/redemptions", request("disc-" + UUID.randomUUID(), TestCsrs.csr("disc"))).accepted())
			.isTrue();
		assertThat(FAKE.discoveries.get()).isEqualTo(before + 1);
	}

	@Test
	void whenTheSuccessNotificationFailsThenTheCertificateIsRevoked() throws Exception {
		String transactionId = "notify-" + UUID.randomUUID();
		assertThat(call("/internal/v1/redemptions", request(transactionId, TestCsrs.csr("notify"))).accepted())
			.isTrue();
		FAKE.successAnswer = "500";

		this.events.publishEvent(issued(transactionId, "00C0FFEE"));

		assertThat(FAKE.revoked.poll(10, java.util.concurrent.TimeUnit.SECONDS))
			.isEqualTo("00C0FFEE " + IntuneNotifier.REVOCATION_REASON);
		long attempts = FAKE.calls.stream().filter((call) -> call.path().endsWith("/successNotification")).count();
		assertThat(attempts).as("3 attempts, each tried once more on the 500").isEqualTo(6);
	}

	@Test
	void whenRefusedAfterValidationThenFailureNotified() throws Exception {
		String transactionId = "late-" + UUID.randomUUID();
		String csr = TestCsrs.csr("late");
		assertThat(call("/internal/v1/redemptions", request(transactionId, csr)).accepted()).isTrue();

		this.events.publishEvent(
				new EnrollmentEvent(UUID.randomUUID(), EnrollmentEvent.Type.REFUSED, Instant.now(), null, PROFILE,
						transactionId, "CN=late", null, null, null, null, null, "badRequest", "x".repeat(300), null));

		FakeIntune.Call failure = FAKE.next("/ScepActions/failureNotification");
		assertThat(failure.inner("notification")).containsEntry("transactionId", transactionId)
			.containsEntry("certificateRequest", csr)
			.containsEntry("errorDescription", "x".repeat(255))
			.containsEntry("hResult", -2147418113);
	}

	@Test
	void whenIntuneQueuesRevocationsThenRevokedHereAndResultsUploaded() throws Exception {
		FAKE.revocationRequests.add(Map.of("requestContext", "ctx-1", "serialNumber", "01A2B3", "issuerName",
				"CN=Keyward Root CA,O=Keyward", "caConfiguration", "keyward"));
		FAKE.revocationRequests.add(Map.of("requestContext", "ctx-2", "serialNumber", FakeIntune.UNKNOWN_SERIAL,
				"issuerName", "CN=Other CA", "caConfiguration", "keyward"));

		assertThat(this.revocations.poll()).isEqualTo(2);

		assertThat(FAKE.revoked).containsExactly("01A2B3 " + IntuneRevocationSync.REASON,
				FakeIntune.UNKNOWN_SERIAL + " " + IntuneRevocationSync.REASON);
		Map<String, Object> download = FAKE.next("/downloadRevocationRequests").inner("downloadParameters");
		assertThat(download).containsEntry("maxRequests", 100).containsKey("issuerName");
		assertThat(FAKE.next("/uploadRevocationResults").body().get("results")).isEqualTo(
				List.of(Map.of("requestContext", "ctx-1", "succeeded", true, "errorCode", "0", "errorMessage", ""),
						Map.of("requestContext", "ctx-2", "succeeded", false, "errorCode", "4004", "errorMessage",
								"certificate not issued by this CA")));
	}

	@Test
	void whenTheCsrIsMissingThen400() {
		var response = post("/internal/v1/redemptions", SERVICE_TOKEN,
				"{\"challenge\":\"blob\",\"profile\":\"" + PROFILE + "\",\"transactionId\":\"t\"}");
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
	}

	private static RedemptionRequest request(String transactionId, String csr) {
		return new RedemptionRequest("intune-encrypted-challenge-blob", PROFILE, transactionId, "CN=device", List.of(),
				"ab".repeat(32), null, csr);
	}

	static EnrollmentEvent issued(String transactionId, String serial) {
		return new EnrollmentEvent(UUID.randomUUID(), EnrollmentEvent.Type.ISSUED, Instant.now(), null, PROFILE,
				transactionId, "CN=device", serial, "CN=Keyward Root CA,O=Keyward", Instant.now(),
				Instant.parse("2027-12-05T10:00:00Z"), "00112233445566778899AABBCCDDEEFF00112233", null, null, null);
	}

	private static FakeIntune start() {
		try {
			return new FakeIntune();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
