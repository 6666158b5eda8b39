package io.keyward.gateway.completion;

import java.security.cert.X509Certificate;
import java.time.Instant;

import io.keyward.gateway.upstream.UpstreamFailure;
import io.keyward.scep.FailInfo;

/**
 * How an attempt to complete a transaction ended, already recorded in its row. The
 * enrollment turns it into a CertRep; the finisher only logs it.
 */
public sealed interface Completion {

	/**
	 * The CA issued: the transaction is ISSUED.
	 *
	 * @param serial the serial number as the ca-adapter names it
	 * @param certificate the issued certificate
	 */
	record Issued(String serial, X509Certificate certificate) implements Completion {
	}

	/**
	 * The challenge was rejected or the CA refused (HTTP 4xx): the transaction is FAILED
	 * for good.
	 *
	 * @param failInfo the RFC 8894 failInfo to answer
	 * @param reason the failInfoText
	 */
	record Refused(FailInfo failInfo, String reason) implements Completion {

		/**
		 * The ca-adapter's refusal of a CSR (policy check or issue call) as the device is
		 * answered: badAlg where its problem says so (a key the template does not
		 * accept), else badRequest, with its detail.
		 */
		static Refused byCa(UpstreamFailure refusal) {
			return new Refused(
					FailInfo.BAD_ALG.rfcName().equals(refusal.failInfo()) ? FailInfo.BAD_ALG : FailInfo.BAD_REQUEST,
					refusal.detail());
		}

	}

	/**
	 * The challenge was accepted on a profile that requires approval: the transaction is
	 * WAITING_APPROVAL and the device is told PENDING.
	 *
	 * @param template the template to issue with once approved
	 * @param expiresAt when it is closed FAILED if no admin decided
	 */
	record AwaitingApproval(String template, Instant expiresAt) implements Completion {
	}

	/**
	 * An upstream service could not answer: the transaction stays open.
	 *
	 * @param reason which service and how it failed
	 * @param attempts the attempts that found a service unavailable, this one included
	 * @param nextAttemptAt when the finisher tries again
	 */
	record Unavailable(String reason, int attempts, Instant nextAttemptAt) implements Completion {
	}

}
