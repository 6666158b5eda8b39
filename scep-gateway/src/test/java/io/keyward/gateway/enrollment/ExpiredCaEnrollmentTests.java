package io.keyward.gateway.enrollment;

import java.time.Duration;
import java.time.Instant;

import io.keyward.gateway.AbstractGatewayTests;
import io.keyward.gateway.TestDevice;
import io.keyward.scep.FailInfo;
import io.keyward.scep.PkiStatus;
import io.keyward.scep.client.CertRepResponse;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An enrollment once the issuing CA certificate expired (RFC 5280 section 6.1.3: what it
 * signs would not validate) is refused FAILURE badRequest before the challenge is
 * redeemed, so the device keeps its challenge for after the switch to a new CA.
 */
class ExpiredCaEnrollmentTests extends AbstractGatewayTests {

	@Autowired
	MeterRegistry meters;

	@Test
	void whenTheIssuingCaExpiredThenFailureBadRequestAndTheChallengeIsNotRedeemed() throws Exception {
		TestDevice device = new TestDevice("after-ca-expiry");
		// the RA certificates the device envelopes to are read before time moves
		ra();
		Instant caNotAfter = upstreams.ca.certificate().getNotAfter().toInstant();
		this.clock.advance(Duration.between(Instant.now(), caNotAfter).plusHours(1));
		int redemptions = upstreams.redemptionCalls.get();
		double refused = this.meters
			.counter("keyward.gateway.issuance.unavailable", "profile", "default", "reason", "ca_expired")
			.count();
		String transactionId = TestDevice.newTransactionId();

		CertRepResponse answer = enroll(device, "/scep/default", transactionId);

		assertThat(answer.status()).isEqualTo(PkiStatus.FAILURE);
		assertThat(answer.failInfo()).isEqualTo(FailInfo.BAD_REQUEST);
		assertThat(answer.failInfoText()).contains("CA certificate expired");
		assertThat(upstreams.redemptionCalls.get()).isEqualTo(redemptions);
		assertThat(upstreams.issuedByTransaction).doesNotContainKey(transactionId);
		assertThat(statusOf(transactionId)).isEqualTo("FAILED");
		assertThat(this.meters
			.counter("keyward.gateway.issuance.unavailable", "profile", "default", "reason", "ca_expired")
			.count()).isEqualTo(refused + 1);
	}

}
