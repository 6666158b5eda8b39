package io.keyward.gateway.enrollment;

import java.util.Optional;

import io.keyward.edge.fingerprint.Sha256;
import io.keyward.gateway.completion.TransactionCompletion;
import io.keyward.gateway.transaction.Claim;
import io.keyward.gateway.transaction.TransactionClaims;
import io.keyward.gateway.transaction.TransactionLog;
import io.keyward.gateway.transaction.TransactionRow;
import io.keyward.scep.CertRep;
import io.keyward.scep.FailInfo;
import io.keyward.scep.MessageType;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Answers a CertPoll (RFC 8894 section 3.3.3) from the transaction it polls. The poll is
 * identified by profile and transactionID and must be signed with the key of the PKCSReq;
 * its IssuerAndSubject is not trusted, as the section allows. A poll without a matching
 * PKCSReq is rejected (section 2.5: "MUST reject") with badCertId. A poll for an open
 * transaction that nobody is working on completes it on the spot, so the first poll after
 * an outage gets the certificate.
 */
@Component
@Order(2)
class CertPollStep implements EnrollmentStep {

	private final TransactionLog log;

	private final TransactionClaims claims;

	private final TransactionCompletion completion;

	CertPollStep(TransactionLog log, TransactionClaims claims, TransactionCompletion completion) {
		this.log = log;
		this.claims = claims;
		this.completion = completion;
	}

	@Override
	public Optional<CertRep> process(Enrollment enrollment) {
		if (enrollment.request().messageType().orElse(null) != MessageType.CERT_POLL) {
			return Optional.empty();
		}
		Optional<TransactionRow> found = this.log.find(enrollment.profile().name(),
				enrollment.request().transactionId());
		if (found.isEmpty()) {
			return Optional.of(enrollment.refuse(FailInfo.BAD_CERT_ID, "no request with this transactionID"));
		}
		TransactionRow row = found.get();
		String signerKey = Sha256.hex(enrollment.request().signerCertificate().getPublicKey().getEncoded());
		if (!signerKey.equals(row.signerKeySha256())) {
			// someone else's transactionID: say nothing about that transaction
			return Optional.of(enrollment.refuse(FailInfo.BAD_CERT_ID, "no request with this transactionID"));
		}
		if (row.csr() == null || !this.claims.claimable(row)) {
			return Optional.of(enrollment.answer(row));
		}
		Optional<Claim> claim = this.claims.takeOver(row, null);
		if (claim.isEmpty()) {
			// the finisher or a repeated PKCSReq took it a moment ago
			return Optional.of(enrollment.unavailable());
		}
		return Optional.of(enrollment
			.answer(this.completion.complete(claim.get(), enrollment.profile(), row.pkcs10(), row.renewalOf())));
	}

}
