package io.keyward.gateway.enrollment;

import java.util.List;
import java.util.Optional;

import io.keyward.gateway.approval.Approvals;
import io.keyward.gateway.profile.EnrollmentProfile;
import io.keyward.gateway.refusal.RefusalLog;
import io.keyward.gateway.renewal.RenewalEvents;
import io.keyward.gateway.transaction.TransactionClaims;
import io.keyward.scep.CertRep;
import io.keyward.scep.MessageType;
import io.keyward.scep.PkiRequest;

import org.springframework.stereotype.Component;

/**
 * Handles a PKIOperation request as a short chain of {@link EnrollmentStep}s: check the
 * request, answer a CertPoll from its transaction, authorise a renewal by its signer
 * certificate, parse the CSR, record and claim the transaction, complete it (redeem the
 * challenge unless a renewal, issue). The claim ({@link TransactionClaims}) keeps two
 * identical requests, or a request and the background finisher, from both reaching the CA
 * without holding a database connection or row lock across the upstream calls.
 */
@Component
public class EnrollmentChain {

	private final List<EnrollmentStep> steps;

	private final TransactionClaims claims;

	private final Approvals approvals;

	private final RenewalEvents renewals;

	private final RefusalLog refusals;

	EnrollmentChain(List<EnrollmentStep> steps, TransactionClaims claims, Approvals approvals, RenewalEvents renewals,
			RefusalLog refusals) {
		this.refusals = refusals;
		this.steps = List.copyOf(steps);
		this.claims = claims;
		this.approvals = approvals;
		this.renewals = renewals;
	}

	/**
	 * @param profile the profile the request arrived on
	 * @param request the decoded request, verified or not
	 * @return the CertRep to sign and send
	 */
	public CertRep enroll(EnrollmentProfile profile, PkiRequest request) {
		Enrollment enrollment = new Enrollment(profile, request, this.claims, this.approvals);
		try {
			for (EnrollmentStep step : this.steps) {
				Optional<CertRep> answer = step.process(enrollment);
				if (answer.isPresent()) {
					if (enrollment.renewalOf() != null) {
						this.renewals.record(profile, request, enrollment.renewalOf(), enrollment.renewalRefusal(),
								answer.get());
					}
					if (enrollment.unrecordedRefusal()) {
						CertRep refused = answer.get();
						this.refusals.record(profile.name(), request.transactionId(),
								request.messageType().map(MessageType::rfcName).orElse(null),
								(refused.failInfo() != null) ? refused.failInfo().rfcName() : "none",
								String.valueOf(refused.failInfoText()));
					}
					return answer.get();
				}
			}
			throw new IllegalStateException("no enrollment step answered");
		}
		catch (RuntimeException ex) {
			enrollment.abandon(ex);
			throw ex;
		}
	}

}
