package io.keyward.gateway.enrollment;

import java.util.List;

import io.keyward.gateway.approval.Approvals;
import io.keyward.gateway.completion.Completion;
import io.keyward.gateway.profile.EnrollmentProfile;
import io.keyward.gateway.profile.WhenUnavailable;
import io.keyward.gateway.transaction.Claim;
import io.keyward.gateway.transaction.TransactionClaims;
import io.keyward.gateway.transaction.TransactionRow;
import io.keyward.gateway.transaction.TransactionStatus;
import io.keyward.scep.CertRep;
import io.keyward.scep.CertificationRequest;
import io.keyward.scep.FailInfo;
import io.keyward.scep.MessageType;
import io.keyward.scep.PkiRequest;

/**
 * What the steps of one PKCSReq, RenewalReq or CertPoll learn as it moves through the
 * chain, and the CertReps it can be answered with.
 */
final class Enrollment {

	private final EnrollmentProfile profile;

	private final PkiRequest request;

	private final TransactionClaims claims;

	private final Approvals approvals;

	private CertificationRequest csr;

	private Claim claim;

	private boolean unrecordedRefusal;

	private String renewalOf;

	private String renewalRefusal;

	Enrollment(EnrollmentProfile profile, PkiRequest request, TransactionClaims claims, Approvals approvals) {
		this.profile = profile;
		this.request = request;
		this.claims = claims;
		this.approvals = approvals;
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
	 * @return the serial of the certificate this request renews (RFC 8894 section 2.5),
	 * null for an enrollment authorised by a challenge
	 */
	String renewalOf() {
		return this.renewalOf;
	}

	/**
	 * @return why the renewal was refused before anything was recorded, null otherwise
	 */
	String renewalRefusal() {
		return this.renewalRefusal;
	}

	/**
	 * This request is a renewal of the certificate with this serial.
	 * @param refusal why it is refused, null while it may proceed
	 */
	void renewal(String serial, String refusal) {
		this.renewalOf = serial;
		this.renewalRefusal = refusal;
	}

	/**
	 * This request now holds the claim on its recorded transaction.
	 */
	void claimed(Claim claim) {
		this.claim = claim;
	}

	/**
	 * Hand the claim to whoever records the outcome from now on.
	 */
	Claim handOver() {
		Claim held = this.claim;
		this.claim = null;
		return held;
	}

	/**
	 * A final refusal: recorded as FAILED when this request holds the claim, so that a
	 * retry or a poll gets the same answer.
	 */
	CertRep refuse(FailInfo failInfo, String reason) {
		if (this.claim != null) {
			this.claims.failed(handOver(), failInfo.rfcName(), reason);
		}
		else {
			this.unrecordedRefusal = true;
		}
		return CertRep.failure(this.request, failInfo, reason);
	}

	/**
	 * @return whether this request was refused without a transaction that records it
	 * (before one was recorded, or on a transactionID that belongs to another request)
	 */
	boolean unrecordedRefusal() {
		return this.unrecordedRefusal;
	}

	/**
	 * The transaction is open and someone else (an upstream service, a concurrent
	 * request, the finisher) has to act first.
	 */
	CertRep unavailable() {
		// a client that polls understands PENDING whatever its profile says
		if (this.profile.whenUnavailable() == WhenUnavailable.PENDING
				|| this.request.messageType().orElse(null) == MessageType.CERT_POLL) {
			return CertRep.pending(this.request);
		}
		return CertRep.failure(this.request, FailInfo.BAD_REQUEST, "service unavailable, retry");
	}

	/**
	 * @param outcome an attempt to complete the transaction, already recorded
	 * @return the answer to this request
	 */
	CertRep answer(Completion outcome) {
		return switch (outcome) {
			case Completion.Issued issued -> CertRep.success(this.request, List.of(issued.certificate()));
			case Completion.Refused refused -> CertRep.failure(this.request, refused.failInfo(), refused.reason());
			// RFC 8894 section 3.3.2.3: PENDING whatever the profile says about outages;
			// a client that cannot poll could not be approved at all
			case Completion.AwaitingApproval waiting -> CertRep.pending(this.request);
			case Completion.Unavailable unavailable -> unavailable();
		};
	}

	/**
	 * @param row the transaction as recorded
	 * @return the answer to this request: the certificate (enveloped to the current
	 * signer), the recorded refusal, PENDING while it waits for approval (FAILURE once
	 * that expired), or that it is still open
	 */
	CertRep answer(TransactionRow row) {
		if (row.status() == TransactionStatus.WAITING_APPROVAL) {
			return this.approvals.expired(row) ? CertRep.failure(this.request, FailInfo.BAD_REQUEST, Approvals.EXPIRED)
					: CertRep.pending(this.request);
		}
		if (row.status() == TransactionStatus.ISSUED) {
			return CertRep.success(this.request, List.of(row.issuedCertificate()));
		}
		if (row.status() == TransactionStatus.FAILED) {
			return CertRep.failure(this.request, failInfo(row.failInfo()), row.failureReason());
		}
		return unavailable();
	}

	/**
	 * The request broke unexpectedly while holding the claim: leave the transaction open
	 * for the next attempt instead of waiting for the claim's lease to run out.
	 */
	void abandon(RuntimeException ex) {
		if (this.claim != null) {
			this.claims.postpone(handOver(), "internal error: " + ex.getClass().getSimpleName());
		}
	}

	private static FailInfo failInfo(String name) {
		for (FailInfo candidate : FailInfo.values()) {
			if (candidate.rfcName().equals(name)) {
				return candidate;
			}
		}
		return FailInfo.BAD_REQUEST;
	}

}
