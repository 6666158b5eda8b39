package io.keyward.gateway.completion;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.bouncycastle.asn1.x509.KeyUsage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.keyward.api.ca.CertificateAuthorityClient;
import io.keyward.api.ca.IssueRequest;
import io.keyward.api.challenge.ChallengeBinding;
import io.keyward.api.challenge.ChallengeRedemptionClient;
import io.keyward.api.challenge.RedemptionRequest;
import io.keyward.api.challenge.RedemptionResult;
import io.keyward.api.challenge.ReleaseRequest;
import io.keyward.edge.log.CorrelationIds;
import io.keyward.edge.log.LogText;
import io.keyward.gateway.profile.Approval;
import io.keyward.gateway.profile.EnrollmentProfile;
import io.keyward.gateway.transaction.Claim;
import io.keyward.gateway.upstream.UpstreamException;
import io.keyward.gateway.upstream.UpstreamFailure;
import io.keyward.scep.CertificationRequest;
import io.keyward.scep.FailInfo;

import org.springframework.stereotype.Component;

/**
 * Spends a transaction's challenge so that a CSR the CA refuses never costs the device
 * its challenge (issue 13): a CSR the template refuses (RSA-1024, a curve or a name not
 * allowed) is answered FAILURE and the challenge stays redeemable for a corrected
 * request.
 * <p>
 * On a profile that issues at once the challenge is redeemed first and the ca-adapter
 * asked to issue next, whose issue call applies the same policy as its policy check; when
 * it refuses, the challenge is given back ({@link #release}). Two upstream calls per
 * enrollment, a third only for a refusal (it had been four: preview, policy check,
 * redemption, issue). On a profile that waits for an admin's approval the policy is asked
 * before anything is spent (the challenge-service previews the redemption, the ca-adapter
 * checks the CSR against its template, then the challenge is redeemed), so that an admin
 * is never asked to approve a request the CA would refuse. The redemption carries the
 * request's arrival, so a challenge valid then is still accepted after an upstream outage
 * outlasted it.
 */
@Component
class ChallengeSpending {

	private static final Logger log = LoggerFactory.getLogger(ChallengeSpending.class);

	private static final int[] KEY_USAGE_BITS = { KeyUsage.digitalSignature, KeyUsage.nonRepudiation,
			KeyUsage.keyEncipherment, KeyUsage.dataEncipherment, KeyUsage.keyAgreement, KeyUsage.keyCertSign,
			KeyUsage.cRLSign, KeyUsage.encipherOnly, KeyUsage.decipherOnly };

	private static final List<String> KEY_USAGE_NAMES = List.of("digitalSignature", "nonRepudiation", "keyEncipherment",
			"dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly");

	private final ChallengeRedemptionClient challenges;

	private final CertificateAuthorityClient certificateAuthority;

	ChallengeSpending(ChallengeRedemptionClient challenges, CertificateAuthorityClient certificateAuthority) {
		this.challenges = challenges;
		this.certificateAuthority = certificateAuthority;
	}

	/**
	 * @return the template and binding of the redeemed challenge, or the refusal
	 * @throws io.keyward.gateway.upstream.UpstreamException when a service could not
	 * answer
	 */
	Spent spend(Claim claim, EnrollmentProfile profile, CertificationRequest csr) {
		boolean waits = profile.approval() == Approval.REQUIRED;
		if (!profile.enforcePassword()) {
			return withoutChallenge(claim, profile, csr, waits);
		}
		RedemptionRequest redemption = redemption(claim, profile, csr);
		if (!waits) {
			RedemptionResult redeemed = UpstreamFailure.call("challenge-service",
					() -> this.challenges.redeem(redemption));
			return accepted(redeemed) ? Spent.redeemed(redeemed, profile, true) : Spent.refused(rejection(redeemed));
		}
		RedemptionResult preview = UpstreamFailure.call("challenge-service", () -> this.challenges.preview(redemption));
		if (!accepted(preview)) {
			return Spent.refused(rejection(preview));
		}
		if (preview.neverPending()) {
			return Spent.refused(neverPendingOnApproval(claim, profile));
		}
		String template = templateOf(preview, profile);
		Completion.Refused refused = checkPolicy(new IssueRequest(Base64.getEncoder().encodeToString(csr.encoded()),
				profile.name(), template, claim.transactionId(), null, preview.binding()));
		if (refused != null) {
			return Spent.refused(refused);
		}
		RedemptionResult redeemed = UpstreamFailure.call("challenge-service", () -> this.challenges.redeem(redemption));
		return accepted(redeemed) ? Spent.redeemed(redeemed, profile, false) : Spent.refused(rejection(redeemed));
	}

	/**
	 * Give back the challenge this transaction redeemed, because the ca-adapter then
	 * refused its CSR. A release the challenge-service refuses (nothing of ours to give
	 * back) is logged and the refusal stands.
	 * @throws io.keyward.gateway.upstream.UpstreamException when the challenge-service
	 * could not answer: the transaction stays open and is completed again (the redemption
	 * is accepted again for the same transaction, the CA refuses again, and the release
	 * is asked again)
	 */
	void release(Claim claim, EnrollmentProfile profile, CertificationRequest csr, String reason) {
		try {
			UpstreamFailure.call("challenge-service",
					() -> this.challenges.release(new ReleaseRequest(csr.challengePassword().orElseThrow(),
							profile.name(), claim.transactionId(), csr.publicKeySha256Hex(), reason)));
		}
		catch (UpstreamException ex) {
			if (!ex.failure().refused()) {
				throw ex;
			}
			log.error("event=challenge_release_refused profile={} transactionId={} detail=\"{}\"", profile.name(),
					LogText.printable(claim.transactionId()), LogText.printable(ex.failure().detail()));
		}
	}

	/**
	 * Intune's requests must never be answered PENDING (protocol brief section 2.9), and
	 * a profile that waits for an admin's approval would answer nothing else: refused
	 * before Intune is asked, with what to change.
	 */
	private Completion.Refused neverPendingOnApproval(Claim claim, EnrollmentProfile profile) {
		log.error("event=never_pending_on_approval_profile profile={} transactionId={} detail=\"the challenge-service"
				+ " validates this profile's requests with Intune, whose devices must not wait; set the gateway"
				+ " profile's approval to NONE\"", profile.name(), LogText.printable(claim.transactionId()));
		return new Completion.Refused(FailInfo.BAD_REQUEST, "profile '" + profile.name()
				+ "' waits for approval, but its requests are validated by Intune and must not wait");
	}

	/**
	 * NDES's {@code EnforcePassword} 0: no challenge is asked for nor looked at (a device
	 * may still send one); the profile's template and its policy decide alone, at the
	 * issue call or, before an approval, at the policy check.
	 */
	private Spent withoutChallenge(Claim claim, EnrollmentProfile profile, CertificationRequest csr, boolean waits) {
		if (waits) {
			Completion.Refused refused = checkPolicy(new IssueRequest(Base64.getEncoder().encodeToString(csr.encoded()),
					profile.name(), profile.defaultTemplate(), claim.transactionId(), null, null));
			if (refused != null) {
				return Spent.refused(refused);
			}
		}
		return new Spent(profile.defaultTemplate(), null, null, null, false);
	}

	/**
	 * The binding of the challenge an approved transaction redeemed on arrival: the
	 * challenge-service answers a preview by the transaction that redeemed it with what
	 * the redemption answered.
	 * @return the binding, null when nothing was bound or it can no longer be told
	 */
	ChallengeBinding bindingOfRedeemed(Claim claim, EnrollmentProfile profile, CertificationRequest csr) {
		if (!profile.enforcePassword() || csr.challengePassword().isEmpty()) {
			return null;
		}
		RedemptionResult repeated = UpstreamFailure.call("challenge-service",
				() -> this.challenges.preview(redemption(claim, profile, csr)));
		return accepted(repeated) ? repeated.binding() : null;
	}

	private Completion.Refused checkPolicy(IssueRequest request) {
		try {
			UpstreamFailure.call("ca-adapter", () -> {
				this.certificateAuthority.checkPolicy(request);
				return null;
			});
			return null;
		}
		catch (UpstreamException ex) {
			if (!ex.failure().refused()) {
				throw ex;
			}
			return Completion.Refused.byCa(ex.failure());
		}
	}

	private static RedemptionRequest redemption(Claim claim, EnrollmentProfile profile, CertificationRequest csr) {
		return new RedemptionRequest(csr.challengePassword().orElseThrow(), profile.name(), claim.transactionId(),
				csr.subject(), csr.subjectAltNames(), csr.publicKeySha256Hex(), claim.arrivedAt(),
				Base64.getEncoder().encodeToString(csr.encoded()), keyUsage(csr));
	}

	/**
	 * The key usages the CSR's extensionRequest asks for, by their RFC 5280 section
	 * 4.2.1.3 names, for a challenge bound to a key usage.
	 */
	static List<String> keyUsage(CertificationRequest csr) {
		KeyUsage requested = (csr.extensionRequest() != null) ? KeyUsage.fromExtensions(csr.extensionRequest()) : null;
		if (requested == null) {
			return List.of();
		}
		List<String> names = new ArrayList<>();
		for (int i = 0; i < KEY_USAGE_BITS.length; i++) {
			if (requested.hasUsages(KEY_USAGE_BITS[i])) {
				names.add(KEY_USAGE_NAMES.get(i));
			}
		}
		return List.copyOf(names);
	}

	private static boolean accepted(RedemptionResult result) {
		return result != null && result.accepted();
	}

	private static Completion.Refused rejection(RedemptionResult result) {
		return new Completion.Refused(FailInfo.BAD_REQUEST,
				(result != null && result.reason() != null) ? result.reason() : "challenge rejected");
	}

	private static String templateOf(RedemptionResult result, EnrollmentProfile profile) {
		return (result.template() != null && !result.template().isBlank()) ? result.template()
				: profile.defaultTemplate();
	}

	/**
	 * @param template the template to issue with, when redeemed
	 * @param binding what the challenge was bound to, null for nothing
	 * @param refused why not, when the challenge was not spent
	 * @param correlationId the redeemed challenge's correlation id, null when the
	 * challenge-service named none
	 * @param releasable the challenge was redeemed before the CA's policy was asked: give
	 * it back ({@link #release}) when the CA refuses the CSR
	 */
	record Spent(String template, ChallengeBinding binding, Completion.Refused refused, UUID correlationId,
			boolean releasable) {

		static Spent refused(Completion.Refused refused) {
			return new Spent(null, null, refused, null, false);
		}

		static Spent redeemed(RedemptionResult redeemed, EnrollmentProfile profile, boolean releasable) {
			return new Spent(templateOf(redeemed, profile), redeemed.binding(), null,
					CorrelationIds.parse(redeemed.correlationId()), releasable);
		}

	}

}
