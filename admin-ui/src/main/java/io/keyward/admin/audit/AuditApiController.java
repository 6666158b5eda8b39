package io.keyward.admin.audit;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit log over the admin API (scope {@code audit:read}): pages newest first with a
 * keyset cursor, the whole log as CSV or JSON lines, and verification of the hash chain.
 */
@RestController
@RequestMapping("/api/v1/audit")
class AuditApiController {

	private final AuditLog auditLog;

	private final AuditExport export;

	private final AuditVerification verification;

	AuditApiController(AuditLog auditLog, AuditExport export, AuditVerification verification) {
		this.auditLog = auditLog;
		this.export = export;
		this.verification = verification;
	}

	/**
	 * @param before records older than this sequence number (the {@code next} of the
	 * previous page)
	 * @param limit 1 to 1000
	 */
	@GetMapping
	AuditPage page(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
			@RequestParam(required = false) Long before, @RequestParam(defaultValue = "100") int limit) {
		AuditQuery query = new AuditQuery(actor, action, before, limit);
		List<AuditRecord> records = this.auditLog.page(query);
		Long next = (records.size() == query.limit()) ? records.getLast().seq() : null;
		return new AuditPage(records, next);
	}

	/**
	 * @param format {@code csv} or {@code jsonl}
	 */
	@GetMapping("/export")
	void export(@RequestParam String format, @RequestParam(required = false) String actor,
			@RequestParam(required = false) String action, HttpServletResponse response) throws IOException {
		this.export.write(format, actor, action, response);
	}

	@GetMapping("/verify")
	AuditVerdict verify() {
		return this.verification.verify();
	}

	/**
	 * @param records newest first
	 * @param next pass as {@code before} for the next (older) page; null on the last page
	 */
	record AuditPage(List<AuditRecord> records, Long next) {
	}

}
