package io.keyward.gateway.enrollment;

import java.util.Optional;

import io.keyward.gateway.completion.TransactionCompletion;
import io.keyward.scep.CertRep;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Redeems the challenge and has the CA issue under the claim the previous step took
 * ({@link TransactionCompletion}), then answers SUCCESS with the issued certificate first
 * in the degenerate certs-only SignedData (RFC 8894 section 3.3.2.1), the FAILURE
 * recorded, or, when an upstream service is unavailable, PENDING (section 3.3.2.3) or a
 * retryable FAILURE as the profile says; the transaction then stays open and the finisher
 * completes it.
 */
@Component
@Order(6)
class CompleteTransactionStep implements EnrollmentStep {

	private final TransactionCompletion completion;

	CompleteTransactionStep(TransactionCompletion completion) {
		this.completion = completion;
	}

	@Override
	public Optional<CertRep> process(Enrollment enrollment) {
		return Optional.of(enrollment.answer(this.completion.complete(enrollment.handOver(), enrollment.profile(),
				enrollment.csr(), enrollment.renewalOf())));
	}

}
