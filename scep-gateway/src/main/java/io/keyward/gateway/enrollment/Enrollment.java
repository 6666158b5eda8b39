package io.keyward.gateway.enrollment;

import io.keyward.gateway.profile.EnrollmentProfile;
import io.keyward.gateway.transaction.TransactionLog;
import io.keyward.scep.CertRep;
import io.keyward.scep.CertificationRequest;
import io.keyward.scep.FailInfo;
import io.keyward.scep.PkiRequest;

/**
 * What the steps of one PKCSReq learn as it moves through the chain.
 */
final class Enrollment {

	private final EnrollmentProfile profile;

	private final PkiRequest request;

	private final TransactionLog transactions;

	private CertificationRequest csr;

	private TransactionLog.Claim claim;

	private String template;

	Enrollment(EnrollmentProfile profile, PkiRequest request, TransactionLog transactions) {
		this.profile = profile;
		this.request = request;
		this.transactions = transactions;
	}

	EnrollmentProfile profile() {
		return this.profile;
	}

	PkiRequest request() {
		return this.request;
	}

	CertificationRequest csr() {
		return this.csr;
	}

	void csr(CertificationRequest csr) {
		this.csr = csr;
	}

	/**
	 * This request now holds the claim on its recorded transaction.
	 */
	void claimed(TransactionLog.Claim claim) {
		this.claim = claim;
	}

	String template() {
		return this.template;
	}

	void template(String template) {
		this.template = template;
	}

	/**
	 * A final refusal: recorded as FAILED when the transaction is recorded, so that a
	 * retry gets the same answer.
	 */
	CertRep refuse(FailInfo failInfo, String reason) {
		if (this.claim != null) {
			this.transactions.failed(release(), failInfo.rfcName(), reason);
		}
		return CertRep.failure(this.request, failInfo, reason);
	}

	/**
	 * A service on the way did not answer: the device gets a FAILURE (NDES-style clients
	 * have no PENDING for this) but the transaction stays open, so a retry with the same
	 * transactionID can still succeed.
	 */
	CertRep retryLater(String reason) {
		if (this.claim != null) {
			this.transactions.release(release(), reason);
		}
		return CertRep.failure(this.request, FailInfo.BAD_REQUEST, "service unavailable, retry");
	}

	/**
	 * The CA issued: record the certificate so that retries get it again.
	 */
	void issued(String serial, byte[] certificateDer) {
		this.transactions.issued(release(), serial, certificateDer);
	}

	/**
	 * The request broke unexpectedly while holding the claim: leave the transaction open
	 * for a retry instead of waiting for the claim's lease to run out.
	 */
	void abandon(RuntimeException ex) {
		if (this.claim != null) {
			this.transactions.release(release(), "internal error: " + ex.getClass().getSimpleName());
		}
	}

	private TransactionLog.Claim release() {
		TransactionLog.Claim held = this.claim;
		this.claim = null;
		return held;
	}

}
