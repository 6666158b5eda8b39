package io.keyward.gateway.enrollment;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.keyward.gateway.profile.EnrollmentProfile;
import io.keyward.scep.CertRep;
import io.keyward.scep.PkiRequest;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Handles a PKIOperation request as a short chain of {@link EnrollmentStep}s: check the
 * request, parse the CSR, record the transaction, redeem the challenge, issue. The chain
 * runs in one database transaction so the transaction row stays locked until the answer
 * is recorded: two identical requests cannot both reach the CA.
 */
@Component
public class EnrollmentChain {

	private final List<EnrollmentStep> steps;

	private final TransactionTemplate transactions;

	private final Clock clock;

	EnrollmentChain(List<EnrollmentStep> steps, TransactionTemplate transactions, Clock clock) {
		this.steps = List.copyOf(steps);
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * @param profile the profile the request arrived on
	 * @param request the decoded request, verified or not
	 * @return the CertRep to sign and send
	 */
	public CertRep enroll(EnrollmentProfile profile, PkiRequest request) {
		Enrollment enrollment = new Enrollment(profile, request, this.clock);
		return this.transactions.execute((status) -> {
			for (EnrollmentStep step : this.steps) {
				Optional<CertRep> answer = step.process(enrollment);
				if (answer.isPresent()) {
					return answer.get();
				}
			}
			throw new IllegalStateException("no enrollment step answered");
		});
	}

}
