package io.keyward.gateway.enrollment;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import io.keyward.gateway.transaction.TransactionLog;
import io.keyward.gateway.transaction.TransactionStatus;
import io.keyward.scep.CertRep;
import io.keyward.scep.FailInfo;
import io.keyward.scep.MessageType;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Records the transaction (unique per profile and transactionID) and claims it, so that a
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
		TransactionLog.Recorded recorded = this.log.claim(new TransactionLog.NewTransaction(enrollment.profile().name(),
				enrollment.request().transactionId(), MessageType.PKCS_REQ.rfcName(),
				Fingerprints.sha256(enrollment.request().signerCertificate().getPublicKey().getEncoded()), csrSha256,
				enrollment.csr().subject()));
		return switch (recorded.outcome()) {
			case CLAIMED -> {
				enrollment.claimed(recorded.claim());
				yield Optional.empty();
			}
			// the row belongs to the first request: answer without touching it
			case OTHER_CSR ->
				Optional.of(enrollment.refuse(FailInfo.BAD_REQUEST, "transactionID already used with another CSR"));
			case BUSY -> Optional.of(enrollment.retryLater("an identical request is still being processed"));
			case ANSWERED -> Optional.of(answer(enrollment, recorded.row()));
		};
	}

	private static CertRep answer(Enrollment enrollment, TransactionLog.Row row) {
		if (row.status() == TransactionStatus.ISSUED) {
			return CertRep.success(enrollment.request(), List.of(certificate(row)));
		}
		return CertRep.failure(enrollment.request(), failInfo(row), row.failureReason());
	}

	private static FailInfo failInfo(TransactionLog.Row transaction) {
		for (FailInfo candidate : FailInfo.values()) {
			if (candidate.rfcName().equals(transaction.failInfo())) {
				return candidate;
			}
		}
		return FailInfo.BAD_REQUEST;
	}

	private static X509Certificate certificate(TransactionLog.Row transaction) {
		try {
			return (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(transaction.certificate()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("stored certificate of transaction cannot be parsed", ex);
		}
	}

}
