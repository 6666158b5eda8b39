package io.keyward.gateway.enrollment;

import java.util.Optional;

import io.keyward.edge.fingerprint.Sha256;
import io.keyward.gateway.transaction.ClientAlgorithms;
import io.keyward.gateway.transaction.TransactionLog;
import io.keyward.scep.CertRep;
import io.keyward.scep.FailInfo;
import io.keyward.scep.MessageType;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Records the transaction (unique per profile and transactionID) with its CSR and claims
 * it, so that a retried or concurrent identical request is answered from the record
 * instead of being issued twice (ARCHITECTURE step 6, protocol brief sections 1.10 and
 * 2.8): the same CSR already issued gets the same certificate, re-enveloped to the
 * current signer; already refused gets the same FAILURE; still open and worked on
 * elsewhere gets the profile's answer for "not yet"; a different CSR under a used
 * transactionID is refused.
 */
@Component
@Order(5)
class RecordTransactionStep implements EnrollmentStep {

	private final TransactionLog log;

	RecordTransactionStep(TransactionLog log) {
		this.log = log;
	}

	@Override
	public Optional<CertRep> process(Enrollment enrollment) {
		byte[] csr = enrollment.csr().encoded();
		TransactionLog.Recorded recorded = this.log
			.claim(new TransactionLog.NewTransaction(enrollment.profile().name(), enrollment.request().transactionId(),
					enrollment.request().messageType().orElse(MessageType.PKCS_REQ).rfcName(),
					Sha256.hex(enrollment.request().signerCertificate().getPublicKey().getEncoded()), Sha256.hex(csr),
					csr, enrollment.csr().subject(), enrollment.csr().subjectAltNames(), enrollment.renewalOf(),
					ClientAlgorithms.of(enrollment.request())));
		return switch (recorded.outcome()) {
			case CLAIMED -> {
				enrollment.claimed(recorded.claim());
				yield Optional.empty();
			}
			// the row belongs to the first request: answer without touching it
			case OTHER_CSR ->
				Optional.of(enrollment.refuse(FailInfo.BAD_REQUEST, "transactionID already used with another CSR"));
			case BUSY, ANSWERED -> Optional.of(enrollment.answer(recorded.row()));
		};
	}

}
