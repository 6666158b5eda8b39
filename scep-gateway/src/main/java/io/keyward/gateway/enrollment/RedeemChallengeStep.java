package io.keyward.gateway.enrollment;

import java.util.Optional;

import io.keyward.api.challenge.ChallengeRedemptionClient;
import io.keyward.api.challenge.RedemptionRequest;
import io.keyward.api.challenge.RedemptionResult;
import io.keyward.gateway.upstream.UpstreamFailure;
import io.keyward.scep.CertRep;
import io.keyward.scep.CertificationRequest;
import io.keyward.scep.FailInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

/**
 * Redeems the challengePassword at the challenge-service (ARCHITECTURE step 3). A retry
 * of a transaction whose certificate request failed later redeems again: the
 * challenge-service accepts a second redemption by the same transactionID with the same
 * public key.
 */
@Component
@Order(4)
class RedeemChallengeStep implements EnrollmentStep {

	private static final Logger log = LoggerFactory.getLogger(RedeemChallengeStep.class);

	private final ChallengeRedemptionClient challenges;

	RedeemChallengeStep(ChallengeRedemptionClient challenges) {
		this.challenges = challenges;
	}

	@Override
	public Optional<CertRep> process(Enrollment enrollment) {
		CertificationRequest csr = enrollment.csr();
		RedemptionResult result;
		try {
			result = this.challenges.redeem(new RedemptionRequest(csr.challengePassword().orElseThrow(),
					enrollment.profile().name(), enrollment.request().transactionId(), csr.subject(),
					csr.subjectAltNames(), csr.publicKeySha256Hex()));
		}
		catch (RestClientException ex) {
			UpstreamFailure failure = UpstreamFailure.of(ex);
			if (failure.refused()) {
				return Optional.of(enrollment.refuse(FailInfo.BAD_REQUEST, failure.detail()));
			}
			log.warn("event=challenge_service_unreachable detail=\"{}\"", failure.detail());
			return Optional.of(enrollment.retryLater("challenge-service unavailable: " + failure.detail()));
		}
		if (result == null || !result.accepted()) {
			String reason = (result != null && result.reason() != null) ? result.reason() : "challenge rejected";
			return Optional.of(enrollment.refuse(FailInfo.BAD_REQUEST, reason));
		}
		enrollment.template((result.template() != null && !result.template().isBlank()) ? result.template()
				: enrollment.profile().defaultTemplate());
		return Optional.empty();
	}

}
