package io.keyward.gateway.enrollment;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import io.keyward.gateway.transaction.ScepTransaction;
import io.keyward.gateway.transaction.TransactionLog;
import io.keyward.scep.CertRep;
import io.keyward.scep.FailInfo;
import io.keyward.scep.MessageType;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Records the transaction (unique per profile and transactionID) and locks it, so that a
 * retried or concurrent identical request is answered from the record instead of being
 * issued twice (ARCHITECTURE step 6, protocol brief sections 1.10 and 2.8): the same CSR
 * already issued gets the same certificate, re-enveloped to the current signer; already
 * refused gets the same FAILURE; a different CSR under a used transactionID is refused.
 */
@Component
@Order(3)
class RecordTransactionStep implements EnrollmentStep {

	private final TransactionLog log;

	RecordTransactionStep(TransactionLog log) {
		this.log = log;
	}

	@Override
	public Optional<CertRep> process(Enrollment enrollment) {
		String csrSha256 = Fingerprints.sha256(enrollment.csr().encoded());
		TransactionLog.Recorded recorded = this.log.recordAndLock(new TransactionLog.NewTransaction(
				enrollment.profile().name(), enrollment.request().transactionId(), MessageType.PKCS_REQ.rfcName(),
				Fingerprints.sha256(enrollment.request().signerCertificate().getPublicKey().getEncoded()), csrSha256,
				enrollment.csr().subject()));
		ScepTransaction transaction = recorded.transaction();
		if (!recorded.created() && !transaction.csrSha256().equals(csrSha256)) {
			// the row belongs to the first request: answer without touching it
			return Optional.of(enrollment.refuse(FailInfo.BAD_REQUEST, "transactionID already used with another CSR"));
		}
		enrollment.transaction(transaction);
		return switch (transaction.status()) {
			case ISSUED -> Optional.of(CertRep.success(enrollment.request(), List.of(certificate(transaction))));
			case FAILED ->
				Optional.of(CertRep.failure(enrollment.request(), failInfo(transaction), transaction.failureReason()));
			case RECEIVED -> Optional.empty();
		};
	}

	private static FailInfo failInfo(ScepTransaction transaction) {
		for (FailInfo candidate : FailInfo.values()) {
			if (candidate.rfcName().equals(transaction.failInfo())) {
				return candidate;
			}
		}
		return FailInfo.BAD_REQUEST;
	}

	private static X509Certificate certificate(ScepTransaction transaction) {
		try {
			return (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(transaction.certificate()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("stored certificate of transaction cannot be parsed", ex);
		}
	}

}
