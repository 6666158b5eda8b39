package io.keyward.ca.issuance;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import io.keyward.api.SerialNumbers;
import io.keyward.api.ca.IssueRequest;
import io.keyward.ca.authority.CaCertificateExpired;
import io.keyward.ca.authority.CertificateAuthority;
import io.keyward.ca.authority.CertificateSpec;
import io.keyward.ca.authority.IssuedCertificate;
import io.keyward.ca.template.CertificateRequestRefused;
import io.keyward.ca.template.CertificateSigningRequest;
import io.keyward.ca.template.CertificateTemplate;
import io.keyward.edge.log.CorrelationIds;
import io.keyward.edge.log.LogText;
import io.keyward.scep.SubjectAltNames;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;

/**
 * Issues a certificate for an {@link IssueRequest}: CSR verification, template lookup and
 * policy, signing, then the request and the certificate stored in one statement.
 * <p>
 * A refused request (unknown template, bad CSR, weak key) is answered 400, logged as
 * {@code event=issuance_refused} and <em>not stored</em>: checks run before anything is
 * written, so the tables hold only requests that produced a certificate and never a
 * half-written one.
 * <p>
 * Issuance is idempotent per transactionID and CSR: a caller that retries after an
 * uncertain failure (its read timed out, or this process died after the commit but before
 * the answer) gets the certificate already issued, logged as
 * {@code event=issuance_replayed} with the serial of the certificate signed for the retry
 * and discarded, so a SCEP transaction yields exactly one certificate. The same
 * transactionID with another CSR is another request (whether to allow that is the
 * gateway's decision); requests without a transactionID are never deduplicated.
 * <p>
 * A renewal ({@link IssueRequest#renewalOf()}, RFC 8894 section 2.5) keeps the subject
 * and SANs of the certificate it renews ({@link RenewedCertificate}), under that
 * certificate's template unless the request names one, and is stored with the renewed
 * serial, which is recorded as replaced by the new one in the same statement.
 */
@Service
public class Issuance {

	private static final Logger log = LoggerFactory.getLogger(Issuance.class);

	/** Serial clashes need two equal 127-bit random numbers; a few retries are plenty. */
	static final int MAX_ATTEMPTS = 5;

	private static final int MAX_FIELD_LENGTH = 255;

	private final CertificateAuthority authority;

	private final CertificateStore store;

	private final Clock clock;

	private final MeterRegistry meters;

	private final ReservedSubjects reservedSubjects;

	private final IssuancePolicy policy;

	Issuance(CertificateAuthority authority, IssuancePolicy policy, CertificateStore store, Clock clock,
			MeterRegistry meters, ReservedSubjects reservedSubjects) {
		this.reservedSubjects = reservedSubjects;
		this.authority = authority;
		this.policy = policy;
		this.store = store;
		this.clock = clock;
		this.meters = meters;
	}

	/**
	 * @param request what to issue
	 * @param caller who asks (its credential's name), stored with the certificate
	 * @param granted the templates this caller may use on this path
	 * @throws TemplateNotGranted when the template is known but not granted
	 */
	CertificateRecord issue(IssueRequest request, String caller, Predicate<String> granted) {
		try (CorrelationIds.Scope scope = CorrelationIds.inMdc(request.correlationId())) {
			return issueChecked(request, caller, granted);
		}
		catch (CertificateRequestRefused ex) {
			// no template tag: an unknown template name is caller-chosen text
			this.meters.counter("keyward.ca.requests.refused").increment();
			log.info("event=issuance_refused transactionId={} profile={} template={} reason=\"{}\"",
					LogText.printable(request.transactionId()), LogText.printable(request.profile()),
					LogText.printable(request.template()), LogText.printable(ex.getMessage()));
			throw ex;
		}
		catch (CaCertificateExpired ex) {
			this.meters.counter("keyward.ca.issuance.unavailable", "reason", "ca_expired").increment();
			log.error("event=issuance_unavailable reason=ca_expired ca={} transactionId={} profile={} detail=\"{}\"",
					ex.caName(), LogText.printable(request.transactionId()), LogText.printable(request.profile()),
					ex.getMessage());
			throw ex;
		}
	}

	/**
	 * The policy check: everything {@link #issue} would refuse is refused, nothing is
	 * signed or stored.
	 * @throws CertificateRequestRefused when the CA would not sign the request
	 */
	void check(IssueRequest request, String caller, Predicate<String> granted) {
		try {
			optional("profile", request.profile());
			optional("transactionId", request.transactionId());
			IssuancePolicy.Decision decision = this.policy.decide(CertificateSigningRequest.decode(request.csr()),
					optional("template", request.template()), RenewedCertificate.serial(request.renewalOf()),
					request.binding());
			granted(decision.template().name(), caller, granted);
		}
		catch (CertificateRequestRefused ex) {
			this.meters.counter("keyward.ca.policy.refused").increment();
			log.info("event=policy_check_refused transactionId={} profile={} template={} reason=\"{}\"",
					LogText.printable(request.transactionId()), LogText.printable(request.profile()),
					LogText.printable(request.template()), LogText.printable(ex.getMessage()));
			throw ex;
		}
	}

	private CertificateRecord issueChecked(IssueRequest request, String caller, Predicate<String> granted) {
		String profile = optional("profile", request.profile());
		String transactionId = optional("transactionId", request.transactionId());
		String renewalOf = RenewedCertificate.serial(request.renewalOf());
		String templateName = optional("template", request.template());
		CertificateSigningRequest csr = CertificateSigningRequest.decode(request.csr());
		String csrSha256 = csr.sha256();
		try {
			IssuancePolicy.Decision decision = this.policy.decide(csr, templateName, renewalOf, request.binding());
			return issueNew(decision, csr, csrSha256,
					new Origin(profile, granted(decision.template().name(), caller, granted), transactionId, renewalOf,
							caller, correlationId(request.correlationId())));
		}
		catch (CertificateRequestRefused ex) {
			// a certificate that exists is answered even if the configuration changed
			// since it was issued (or the renewed certificate expired since); only a
			// refusal pays for this look-up, the common case (a new request) does not
			Optional<CertificateRecord> previous = (transactionId != null)
					? this.store.findIssued(transactionId, csrSha256, renewalOf) : Optional.empty();
			return previous.map((certificate) -> replayed(certificate, null)).orElseThrow(() -> ex);
		}
	}

	/**
	 * A template the caller may not use is refused before anything is signed or stored.
	 */
	private String granted(String templateName, String caller, Predicate<String> granted) {
		if (!granted.test(templateName)) {
			this.meters.counter("keyward.ca.requests.forbidden").increment();
			log.warn("event=issuance_forbidden caller={} template={}", LogText.printable(caller),
					LogText.printable(templateName));
			throw new TemplateNotGranted(LogText.printable(caller), LogText.printable(templateName));
		}
		return templateName;
	}

	private CertificateRecord issueNew(IssuancePolicy.Decision decision, CertificateSigningRequest csr,
			String csrSha256, Origin origin) {
		String profile = origin.profile();
		String transactionId = origin.transactionId();
		String renewalOf = origin.renewalOf();
		CertificateTemplate template = decision.template();
		CertificateSpec spec = decision.spec();
		Instant requestedAt = this.clock.instant();
		for (int attempt = 1;; attempt++) {
			IssuedCertificate issued = this.authority.issue(spec);
			try {
				CertificateRecord stored = store(issued, csr, csrSha256, origin, requestedAt);
				this.meters.counter("keyward.ca.certificates.issued", "template", template.name()).increment();
				if (template.issuesRaCertificates()) {
					this.reservedSubjects.refresh();
				}
				log.info(
						"event=certificate_issued serial={} transactionId={} profile={} template={} renewalOf={} "
								+ "caller={} subject=\"{}\"",
						SerialNumbers.hex(stored.serial()), LogText.printable(transactionId),
						LogText.printable(profile), template.name(), SerialNumbers.hex(renewalOf),
						LogText.printable(origin.caller()),
						LogText.printable(issued.certificate().getSubjectX500Principal().getName()));
				return stored;
			}
			catch (DataIntegrityViolationException ex) {
				if (violates(ex, CertificateStore.UNIQUE_REQUEST)) {
					// the same request was stored before (a retry) or while
					// this one was signing (a race): its certificate is the
					// answer, this one is dropped unanswered. Looking first
					// would cost every new request a round trip to save one
					// signature per replay
					return replayed(this.store.findIssued(transactionId, csrSha256, renewalOf).orElseThrow(() -> ex),
							issued.serialHex());
				}
				if (!violates(ex, CertificateStore.UNIQUE_SERIAL) || attempt >= MAX_ATTEMPTS) {
					throw ex;
				}
				log.warn("event=serial_clash serial={} attempt={}", SerialNumbers.hex(issued.serialHex()), attempt);
			}
		}
	}

	/**
	 * @param previous the certificate stored for the same transactionID and CSR
	 * @param discardedSerial the serial of a certificate signed for this call but never
	 * stored nor answered, null when nothing was signed
	 */
	private CertificateRecord replayed(CertificateRecord previous, String discardedSerial) {
		this.meters.counter("keyward.ca.certificates.replayed").increment();
		if (discardedSerial == null) {
			log.info("event=issuance_replayed serial={} transactionId={}", SerialNumbers.hex(previous.serial()),
					LogText.printable(previous.transactionId()));
		}
		else {
			log.info("event=issuance_replayed serial={} transactionId={} discardedSerial={}",
					SerialNumbers.hex(previous.serial()), LogText.printable(previous.transactionId()),
					SerialNumbers.hex(discardedSerial));
		}
		return previous;
	}

	private CertificateRecord store(IssuedCertificate issued, CertificateSigningRequest csr, String csrSha256,
			Origin origin, Instant requestedAt) {
		X509Certificate certificate = issued.certificate();
		String subject = certificate.getSubjectX500Principal().getName();
		// microseconds, as timestamptz keeps them: a replay or a look-up answers exactly
		// what this call answers
		Instant issuedAt = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		return this.store.store(
				new CertificateRecord(issued.serialHex(), subject, SubjectAltNames.of(certificate),
						certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), origin.profile(),
						origin.template(), origin.transactionId(), issued.pem(), issuedAt, origin.renewalOf())
					.requestedBy(origin.caller())
					.correlationId(origin.correlationId()),
				csr.withoutChallengePassword(), csrSha256, requestedAt, issued.caName());
	}

	/**
	 * Where an issue request came from, as stored with its certificate.
	 *
	 * @param caller the internal caller that asked (its credential's name)
	 * @param correlationId the enrollment's correlation id (issue 14), null for none
	 */
	private record Origin(String profile, String template, String transactionId, String renewalOf, String caller,
			UUID correlationId) {
	}

	private static UUID correlationId(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		UUID id = CorrelationIds.parse(text);
		if (id == null) {
			throw new CertificateRequestRefused("correlationId must be a UUID");
		}
		return id;
	}

	/**
	 * PostgreSQL names the violated constraint or unique index in the message of the
	 * driver's exception, somewhere down the cause chain.
	 */
	private static boolean violates(Throwable ex, String constraint) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause.getMessage() != null && cause.getMessage().contains(constraint)) {
				return true;
			}
		}
		return false;
	}

	private static String optional(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		if (value.length() > MAX_FIELD_LENGTH) {
			throw new CertificateRequestRefused(field + " is longer than " + MAX_FIELD_LENGTH + " characters");
		}
		return value;
	}

}
