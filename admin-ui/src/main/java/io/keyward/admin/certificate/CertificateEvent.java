package io.keyward.admin.certificate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.keyward.admin.audit.AdminAction;
import io.keyward.admin.web.Timestamps;
import io.keyward.api.ca.IssuedCertificate;
import io.keyward.api.gateway.EnrollmentTransaction;

/**
 * One line of a certificate's history on its detail page.
 *
 * @param at when, UTC text
 * @param what what happened
 * @param who who did it, empty when the system did
 * @param detail more, may be empty
 * @param sortKey for ordering
 */
record CertificateEvent(String at, String what, String who, String detail, Instant sortKey) {

	/**
	 * @param certificate the certificate as the ca-adapter records it
	 * @param request the SCEP transaction that asked for it, as the gateway records it
	 * @param actions what admins did to it
	 * @param trail the rest of its enrollment ({@link EnrollmentTrail})
	 * @return its life, oldest first
	 */
	static List<CertificateEvent> history(IssuedCertificate certificate, Optional<EnrollmentTransaction> request,
			List<AdminAction> actions, List<CertificateEvent> trail) {
		List<CertificateEvent> events = new ArrayList<>(trail);
		request.ifPresent((transaction) -> {
			events.add(of(transaction.createdAt(), "Requested (" + orEmpty(transaction.messageType()) + ")", "",
					"subject " + orEmpty(transaction.subject())));
			if (transaction.decidedAt() != null) {
				events.add(of(transaction.decidedAt(), "Approval decided", orEmpty(transaction.decidedBy()),
						orEmpty(transaction.decisionComment())));
			}
		});
		String issued = "profile " + orEmpty(certificate.profile()) + ", template " + orEmpty(certificate.template())
				+ ((certificate.transactionId() != null) ? ", transactionID " + certificate.transactionId() : "");
		events.add(of(certificate.issuedAt(),
				(certificate.renewalOf() != null) ? "Issued as the renewal of " + certificate.renewalOf() : "Issued",
				"", issued));
		if (certificate.revokedAt() != null) {
			events.add(of(certificate.revokedAt(), "Revoked (" + orEmpty(certificate.revocationReason()) + ")",
					orEmpty(certificate.revokedBy()), orEmpty(certificate.revocationComment())));
		}
		if (certificate.replacedBy() != null) {
			events.add(of(null, "Replaced by " + certificate.replacedBy(), "", ""));
		}
		for (AdminAction action : actions) {
			events.add(of(action.at(), "Admin action: " + action.action(), action.actor(), orEmpty(action.detail())));
		}
		events.sort(Comparator.comparing(CertificateEvent::sortKey, Comparator.nullsLast(Comparator.naturalOrder())));
		return events;
	}

	static CertificateEvent of(Instant at, String what, String who, String detail) {
		return new CertificateEvent(Timestamps.utc(at), what, who, detail, at);
	}

	private static String orEmpty(String value) {
		return (value != null) ? value : "";
	}

}
