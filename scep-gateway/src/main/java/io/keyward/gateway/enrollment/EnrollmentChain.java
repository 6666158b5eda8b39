package io.keyward.gateway.enrollment;

import java.util.List;
import java.util.Optional;

import io.keyward.gateway.profile.EnrollmentProfile;
import io.keyward.scep.CertRep;
import io.keyward.scep.PkiRequest;

import io.keyward.gateway.transaction.TransactionLog;

import org.springframework.stereotype.Component;

/**
 * Handles a PKIOperation request as a short chain of {@link EnrollmentStep}s: check the
 * request, parse the CSR, record and claim the transaction, redeem the challenge, issue.
 * The claim ({@link TransactionLog}) keeps two identical requests from both reaching the
 * CA without holding a database connection or row lock across the upstream calls.
 */
@Component
public class EnrollmentChain {

	private final List<EnrollmentStep> steps;

	private final TransactionLog transactions;

	EnrollmentChain(List<EnrollmentStep> steps, TransactionLog transactions) {
		this.steps = List.copyOf(steps);
		this.transactions = transactions;
	}

	/**
	 * @param profile the profile the request arrived on
	 * @param request the decoded request, verified or not
	 * @return the CertRep to sign and send
	 */
	public CertRep enroll(EnrollmentProfile profile, PkiRequest request) {
		Enrollment enrollment = new Enrollment(profile, request, this.transactions);
		try {
			for (EnrollmentStep step : this.steps) {
				Optional<CertRep> answer = step.process(enrollment);
				if (answer.isPresent()) {
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
