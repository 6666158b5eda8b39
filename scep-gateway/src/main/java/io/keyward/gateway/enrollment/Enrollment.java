package io.keyward.gateway.enrollment;

import java.time.Clock;

import io.keyward.gateway.profile.EnrollmentProfile;
import io.keyward.gateway.transaction.ScepTransaction;
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

	private final Clock clock;

	private CertificationRequest csr;

	private ScepTransaction transaction;

	private String template;

	Enrollment(EnrollmentProfile profile, PkiRequest request, Clock clock) {
		this.profile = profile;
		this.request = request;
		this.clock = clock;
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

	ScepTransaction transaction() {
		return this.transaction;
	}

	void transaction(ScepTransaction transaction) {
		this.transaction = transaction;
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
		if (this.transaction != null) {
			this.transaction.failed(failInfo.rfcName(), reason, this.clock.instant());
		}
		return CertRep.failure(this.request, failInfo, reason);
	}

	/**
	 * A service on the way did not answer: the device gets a FAILURE (NDES-style clients
	 * have no PENDING for this) but the transaction stays open, so a retry with the same
	 * transactionID can still succeed.
	 */
	CertRep retryLater(String reason) {
		if (this.transaction != null) {
			this.transaction.retryable(reason, this.clock.instant());
		}
		return CertRep.failure(this.request, FailInfo.BAD_REQUEST, "service unavailable, retry");
	}

	Clock clock() {
		return this.clock;
	}

}
