package io.keyward.ca.issuance;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.TreeSet;

import io.keyward.api.ca.IssueRequest;
import io.keyward.ca.authority.CertificateAuthority;
import io.keyward.ca.authority.CertificateSpec;
import io.keyward.ca.authority.IssuedCertificate;
import io.keyward.ca.template.CertificateRequestRefused;
import io.keyward.ca.template.CertificateSigningRequest;
import io.keyward.ca.template.CertificateTemplate;
import io.keyward.ca.template.CertificateTemplates;
import io.keyward.ca.template.SubjectAltNames;
import io.keyward.ca.template.TemplatePolicy;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;

/**
 * Issues a certificate for an {@link IssueRequest}: template lookup, CSR verification and
 * policy, signing, then the request and the certificate stored in one statement.
 * <p>
 * A refused request (unknown template, bad CSR, weak key) is answered 400, logged as
 * {@code event=issuance_refused} and <em>not stored</em>: checks run before anything is
 * written, so the tables hold only requests that produced a certificate and never a
 * half-written one.
 */
@Service
class Issuance {

	private static final Logger log = LoggerFactory.getLogger(Issuance.class);

	/** Serial clashes need two equal 127-bit random numbers; a few retries are plenty. */
	static final int MAX_ATTEMPTS = 5;

	private static final int MAX_FIELD_LENGTH = 255;

	private final CertificateAuthority authority;

	private final CertificateTemplates templates;

	private final CertificateStore store;

	private final Clock clock;

	private final MeterRegistry meters;

	Issuance(CertificateAuthority authority, CertificateTemplates templates, CertificateStore store, Clock clock,
			MeterRegistry meters) {
		this.authority = authority;
		this.templates = templates;
		this.store = store;
		this.clock = clock;
		this.meters = meters;
	}

	CertificateRecord issue(IssueRequest request) {
		try {
			return issueChecked(request);
		}
		catch (CertificateRequestRefused ex) {
			// no template tag: an unknown template name is caller-chosen text
			this.meters.counter("keyward.ca.requests.refused").increment();
			log.info("event=issuance_refused transactionId={} profile={} template={} reason=\"{}\"",
					printable(request.transactionId()), printable(request.profile()), printable(request.template()),
					ex.getMessage());
			throw ex;
		}
	}

	private CertificateRecord issueChecked(IssueRequest request) {
		String profile = optional("profile", request.profile());
		String transactionId = optional("transactionId", request.transactionId());
		String templateName = (request.template() == null || request.template().isBlank()) ? "default"
				: optional("template", request.template());
		CertificateTemplate template = this.templates.find(templateName)
			.orElseThrow(() -> new CertificateRequestRefused("unknown template '" + printable(templateName)
					+ "'; known templates: " + new TreeSet<>(this.templates.names())));
		CertificateSigningRequest csr = CertificateSigningRequest.decode(request.csr());
		CertificateSpec spec = TemplatePolicy.apply(csr, template);
		Instant requestedAt = this.clock.instant();
		for (int attempt = 1;; attempt++) {
			IssuedCertificate issued = this.authority.issue(spec);
			try {
				CertificateRecord stored = store(issued, csr, profile, template.name(), transactionId, requestedAt);
				this.meters.counter("keyward.ca.certificates.issued", "template", template.name()).increment();
				log.info("event=certificate_issued serial={} transactionId={} profile={} template={} subject=\"{}\"",
						stored.serial(), printable(transactionId), printable(profile), template.name(),
						printable(issued.certificate().getSubjectX500Principal().getName()));
				return stored;
			}
			catch (DataIntegrityViolationException ex) {
				if (!isSerialClash(ex) || attempt >= MAX_ATTEMPTS) {
					throw ex;
				}
				log.warn("event=serial_clash serial={} attempt={}", issued.serialHex(), attempt);
			}
		}
	}

	private CertificateRecord store(IssuedCertificate issued, CertificateSigningRequest csr, String profile,
			String template, String transactionId, Instant requestedAt) {
		X509Certificate certificate = issued.certificate();
		String subject = certificate.getSubjectX500Principal().getName();
		return this.store.store(new CertificateRecord(issued.serialHex(), subject, SubjectAltNames.of(certificate),
				certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), profile, template,
				transactionId, issued.pem(), this.clock.instant()), csr.der(), requestedAt);
	}

	static boolean isSerialClash(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause.getMessage() != null && cause.getMessage().contains("uk_certificate_serial")) {
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

	/** Caller-supplied text goes into log lines: keep it on one line (no log forging). */
	static String printable(String value) {
		if (value == null) {
			return null;
		}
		String clipped = (value.length() > MAX_FIELD_LENGTH) ? value.substring(0, MAX_FIELD_LENGTH) + "..." : value;
		return clipped.replaceAll("[\\p{Cntrl}\"]", "?");
	}

}
