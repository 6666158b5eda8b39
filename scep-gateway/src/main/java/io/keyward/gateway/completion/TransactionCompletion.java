package io.keyward.gateway.completion;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

import io.keyward.api.SerialNumbers;
import io.keyward.api.ca.CertificateAuthorityClient;
import io.keyward.edge.pem.CertificatePem;
import io.keyward.api.ca.IssueRequest;
import io.keyward.api.ca.IssuedCertificate;
import io.keyward.api.ca.RevokeRequest;
import io.keyward.api.challenge.ChallengeBinding;
import io.keyward.edge.log.CorrelationIds;
import io.keyward.edge.log.LogText;
import io.keyward.gateway.profile.Approval;
import io.keyward.gateway.profile.EnrollmentProfile;
import io.keyward.gateway.scep.CaCertificateChain;
import io.keyward.gateway.transaction.Claim;
import io.keyward.gateway.transaction.TransactionClaims;
import io.keyward.gateway.upstream.UpstreamException;
import io.keyward.gateway.upstream.UpstreamFailure;
import io.keyward.scep.CertificationRequest;
import io.keyward.scep.FailInfo;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;

/**
 * Completes a claimed transaction (ARCHITECTURE steps 3 and 4): spends the challenge at
 * the challenge-service ({@link ChallengeSpending}), asks the ca-adapter to issue with
 * the challenge's binding, gives the challenge back when the ca-adapter refuses the CSR,
 * and records the outcome under the claim. On a profile that requires approval the
 * transaction waits after the redemption, and once approved only the CA is asked, with
 * the template named at redemption. Used by the device's own request and by the
 * {@link TransactionFinisher}, so either may be the one that completes it. Repeating an
 * attempt is safe: the challenge-service accepts a second redemption by the same
 * transactionID and public key (and names the template again), and the ca-adapter answers
 * a repeated issue call with the same transactionID and CSR with the certificate it
 * already issued.
 */
@Component
public class TransactionCompletion {

	private static final Logger log = LoggerFactory.getLogger(TransactionCompletion.class);

	private final ChallengeSpending spending;

	private final CertificateAuthorityClient certificateAuthority;

	private final TransactionClaims claims;

	private final Clock clock;

	private final CaCertificateChain caChain;

	private final MeterRegistry meters;

	TransactionCompletion(ChallengeSpending spending, CertificateAuthorityClient certificateAuthority,
			TransactionClaims claims, Clock clock, CaCertificateChain caChain, MeterRegistry meters) {
		this.spending = spending;
		this.caChain = caChain;
		this.meters = meters;
		this.certificateAuthority = certificateAuthority;
		this.claims = claims;
		this.clock = clock;
	}

	/**
	 * @param claim the claim on the transaction; released whatever happens
	 * @param profile the transaction's profile
	 * @param csr its PKCS#10 request, carrying the challengePassword unless a renewal
	 * @param renewalOf the serial of the certificate a renewal replaces (its signer
	 * certificate authorised it, RFC 8894 section 2.4: no challenge is redeemed), null
	 * for an enrollment
	 * @return the outcome, recorded
	 */
	public Completion complete(Claim claim, EnrollmentProfile profile, CertificationRequest csr, String renewalOf) {
		// stays for the caller's own log lines; PkiOperationHandler and the finisher
		// clear it
		MDC.put(CorrelationIds.MDC_KEY, String.valueOf(claim.correlationId()));
		Attempt attempt = new Attempt(claim);
		try {
			// the claim's token, not its correlation id, identifies the row when
			// recording
			Completion outcome = attempt(attempt, profile, csr, renewalOf);
			return record(attempt.claim, outcome);
		}
		catch (RuntimeException ex) {
			// a broken attempt: keep the transaction open rather than wait for the lease
			try {
				this.claims.postpone(attempt.claim, "internal error: " + ex.getClass().getSimpleName());
			}
			catch (RuntimeException recording) {
				ex.addSuppressed(recording);
			}
			throw ex;
		}
	}

	/**
	 * The claim an attempt records its outcome under: once the challenge is redeemed it
	 * carries the challenge's correlation id, which every outcome's statement writes to
	 * the row, the postponement of an attempt broken after the redemption too.
	 */
	private static final class Attempt {

		private Claim claim;

		private Attempt(Claim claim) {
			this.claim = claim;
		}

	}

	private Completion attempt(Attempt attempt, EnrollmentProfile profile, CertificationRequest csr, String renewalOf) {
		Claim claim = attempt.claim;
		try {
			Completion.Refused expired = refusedWhileTheCaIsExpired(claim, profile);
			if (expired != null) {
				return expired;
			}
			// an approved transaction was redeemed on arrival and keeps its template; a
			// renewal is issued under the renewed certificate's template (null here) and,
			// authorised by that certificate, waits for no approval
			String template = claim.approved() ? claim.approvedTemplate() : null;
			ChallengeBinding binding = null;
			boolean releasable = false;
			if (template == null && renewalOf == null) {
				ChallengeSpending.Spent spent = this.spending.spend(claim, profile, csr);
				if (spent.refused() != null) {
					return spent.refused();
				}
				template = spent.template();
				binding = spent.binding();
				releasable = spent.releasable();
				if (spent.correlationId() != null && !spent.correlationId().equals(claim.correlationId())) {
					// the challenge's id from now on, written with the outcome (every
					// outcome, postponed ones too, is one statement under the claim)
					claim = claim.withCorrelationId(spent.correlationId());
					attempt.claim = claim;
					MDC.put(CorrelationIds.MDC_KEY, spent.correlationId().toString());
				}
				if (profile.approval() == Approval.REQUIRED) {
					return new Completion.AwaitingApproval(template,
							this.clock.instant().plus(profile.approvalMaxAge()));
				}
			}
			else if (claim.approved() && renewalOf == null) {
				binding = this.spending.bindingOfRedeemed(claim, profile, csr);
			}
			IssueRequest request = new IssueRequest(Base64.getEncoder().encodeToString(csr.encoded()), profile.name(),
					template, claim.transactionId(), renewalOf, binding, String.valueOf(claim.correlationId()));
			IssuedCertificate issued;
			try {
				issued = UpstreamFailure.call("ca-adapter", () -> this.certificateAuthority.issue(request));
			}
			catch (UpstreamException ex) {
				if (ex.failure().refused() && releasable) {
					// redeemed before the CA's policy was asked: the device keeps its
					// challenge
					this.spending.release(claim, profile, csr, ex.failure().detail());
				}
				throw ex;
			}
			if (renewalOf != null && profile.renewal().revokeReplaced()) {
				revokeReplaced(claim, renewalOf, issued.serialNumber());
			}
			X509Certificate certificate = CertificatePem.parse(issued.certificatePem());
			// stored as every service stores a serial (its key), whatever spelling the CA
			// answered
			return new Completion.Issued(SerialNumbers.key(certificate.getSerialNumber()), certificate);
		}
		catch (UpstreamException ex) {
			if (ex.failure().refused()) {
				return Completion.Refused.byCa(ex.failure());
			}
			// attempts and schedule are filled in when recorded
			return new Completion.Unavailable(ex.service() + " unavailable: " + ex.failure().detail(), 0, null);
		}
	}

	/**
	 * Once the issuing CA certificate expired nothing it signs validates (RFC 5280
	 * section 6.1.3) and the ca-adapter answers 503 until an admin switches to a new CA.
	 * The device is refused before its challenge is redeemed, so it keeps the challenge
	 * for after the switch; waiting (PENDING) would last until then.
	 * @return the refusal, null while the CA is valid
	 */
	private Completion.Refused refusedWhileTheCaIsExpired(Claim claim, EnrollmentProfile profile) {
		Instant notAfter = UpstreamFailure.call("ca-adapter", () -> this.caChain.certificates())
			.get(0)
			.getNotAfter()
			.toInstant();
		if (this.clock.instant().isBefore(notAfter)) {
			return null;
		}
		this.meters.counter("keyward.gateway.issuance.unavailable", "profile", profile.name(), "reason", "ca_expired")
			.increment();
		log.error("event=issuance_unavailable reason=ca_expired transactionId={} profile={} caNotAfter={}",
				LogText.printable(claim.transactionId()), profile.name(), notAfter);
		return new Completion.Refused(FailInfo.BAD_REQUEST,
				"the CA certificate expired at " + notAfter + "; no certificate can be issued until the CA is renewed");
	}

	/**
	 * Revoke the renewed certificate as superseded (RFC 5280 section 5.3.1) before the
	 * transaction is recorded ISSUED: while the ca-adapter cannot be reached the
	 * transaction stays open, and its next attempt gets the same certificate (issuance is
	 * idempotent) and revokes again; 409, already revoked, is that earlier attempt's
	 * work. A refusal leaves the old certificate valid and the renewal standing, logged.
	 */
	private void revokeReplaced(Claim claim, String serial, String replacement) {
		RevokeRequest superseded = new RevokeRequest("superseded",
				"replaced by " + replacement + " (SCEP renewal, transactionID " + claim.transactionId() + ")",
				"scep-gateway");
		try {
			UpstreamFailure.call("ca-adapter", () -> {
				try {
					return this.certificateAuthority.revoke(serial, superseded);
				}
				catch (HttpClientErrorException.Conflict ex) {
					return null;
				}
			});
		}
		catch (UpstreamException ex) {
			if (!ex.failure().refused()) {
				throw ex;
			}
			log.warn("event=renewal_revoke_refused transactionId={} profile={} serial={} replacement={} detail=\"{}\"",
					LogText.printable(claim.transactionId()), claim.profile(), SerialNumbers.hex(serial),
					SerialNumbers.hex(replacement), LogText.printable(ex.failure().detail()));
		}
	}

	private Completion record(Claim claim, Completion outcome) {
		switch (outcome) {
			case Completion.Issued issued -> {
				try {
					this.claims.issued(claim, issued.serial(), issued.certificate().getEncoded());
				}
				catch (GeneralSecurityException ex) {
					throw new IllegalStateException("issued certificate cannot be encoded", ex);
				}
				return issued;
			}
			case Completion.Refused refused -> {
				this.claims.failed(claim, refused.failInfo().rfcName(), refused.reason());
				return refused;
			}
			case Completion.AwaitingApproval waiting -> {
				this.claims.awaitApproval(claim, waiting.template(), waiting.expiresAt());
				log.info("event=approval_requested transactionId={} profile={} template={} expiresAt={}",
						LogText.printable(claim.transactionId()), claim.profile(),
						LogText.printable(waiting.template()), waiting.expiresAt());
				return waiting;
			}
			case Completion.Unavailable unavailable -> {
				Instant next = this.claims.postpone(claim, unavailable.reason());
				log.warn(
						"event=transaction_retry_scheduled transactionId={} profile={} attempts={} nextAttemptAt={} "
								+ "reason=\"{}\"",
						LogText.printable(claim.transactionId()), claim.profile(), claim.attempts() + 1, next,
						LogText.printable(unavailable.reason()));
				return new Completion.Unavailable(unavailable.reason(), claim.attempts() + 1, next);
			}
		}
	}

}
