package io.keyward.challenge.validator;

import io.keyward.api.challenge.RedemptionRequest;
import io.keyward.api.challenge.RedemptionResult;
import io.keyward.api.challenge.ReleaseRequest;
import io.keyward.challenge.profile.ChallengeMode;

/**
 * One way of judging a request's challengePassword (RFC 8894 section 2.3), chosen per
 * profile by {@code keyward.challenge.profiles.
 *
<p>
 * .mode}: the NDES policy-module seam ({@code INDESPolicy.VerifyRequest}) that the Intune
 * connector plugs into.
 * <p>
 * Both calls answer a refusal as {@link RedemptionResult#rejected} with the reason (the
 * gateway answers CertRep FAILURE badRequest); a validator whose remote judge cannot be
 * reached refuses too, so that no certificate is issued without a judgement and the
 * request never waits PENDING for it.
 */
public interface ChallengeValidator {

	/**
	 * @return the mode this validator serves
	 */
	ChallengeMode mode();

	/**
	 * Whether {@link #redeem} would accept, with nothing used up; the gateway asks before
	 * the ca-adapter's policy check. A validator that asks a remote judge does so only in
	 * {@link #redeem}, once per request.
	 */
	RedemptionResult preview(RedemptionRequest request);

	/**
	 * Judge the request for good: after this the gateway issues when accepted.
	 */
	RedemptionResult redeem(RedemptionRequest request);

	/**
	 * Give back what {@link #redeem} used up for this transaction, because the ca-adapter
	 * then refused the CSR. A validator that keeps no single use (a remote judge) has
	 * nothing to give back.
	 * @return whether something was given back
	 */
	default boolean release(ReleaseRequest request) {
		return false;
	}

}
