package io.keyward.admin.certificate;

import static io.keyward.admin.web.FormValues.blankToNull;

import java.util.List;

import io.keyward.admin.certificate.CertificateLifecycle.CertificateQuery;
import io.keyward.admin.web.Csv;
import io.keyward.api.ca.CertificateSearchPage;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A certificate search as CSV, the same search the page shows ({@code /certificates.csv}
 * takes the page's {@code q}, {@code status}, {@code sort} and per-column filters), every
 * page of it up to {@link #MAX_ROWS} rows, read from the ca-adapter by its keyset cursor.
 * Quoting and the formula-injection guard are {@link Csv}'s.
 */
@Controller
class CertificateExportController {

	/** Beyond this a spreadsheet is the wrong tool: the header says the file is cut. */
	static final int MAX_ROWS = 50_000;

	static final String TRUNCATED_HEADER = "X-Keyward-Truncated";

	private static final int BATCH = 500;

	private final CertificateLifecycle lifecycle;

	CertificateExportController(CertificateLifecycle lifecycle) {
		this.lifecycle = lifecycle;
	}

	@GetMapping("/certificates.csv")
	ResponseEntity<String> export(@RequestParam(required = false) String q,
			@RequestParam(required = false) String status, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String profile, @RequestParam(required = false) String template,
			@RequestParam(required = false) String expiring) {
		String query = blankToNull(CertificatesController.filters(profile, template, expiring).query(q));
		StringBuilder csv = new StringBuilder(Csv.line("serial", "status", "subject", "subject_alt_names", "profile",
				"template", "issued_at", "not_after", "transaction_id", "revoked_at", "revocation_reason"));
		String after = null;
		int rows = 0;
		do {
			CertificateSearchPage page = this.lifecycle
				.search(new CertificateQuery(query, blankToNull(status), null, null, after, BATCH, blankToNull(sort)));
			for (var certificate : page.items()) {
				csv.append(Csv.line(certificate.serialNumber(), certificate.status(), certificate.subject(),
						String.join(" ",
								(certificate.subjectAltNames() != null) ? certificate.subjectAltNames() : List.of()),
						certificate.profile(), certificate.template(), text(certificate.issuedAt()),
						text(certificate.notAfter()), certificate.transactionId(), text(certificate.revokedAt()),
						certificate.revocationReason()));
				rows++;
			}
			after = page.nextCursor();
		}
		while (after != null && rows < MAX_ROWS);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("keyward-certificates.csv").build().toString())
			.header(TRUNCATED_HEADER, Boolean.toString(after != null))
			.body(csv.toString());
	}

	private static String text(Object value) {
		return (value != null) ? value.toString() : null;
	}

}
