package io.keyward.admin.audit;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import io.keyward.admin.web.ApiProblem;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit log over the admin API (scope {@code audit:read}): pages sorted by time,
 * actor or action either way, filtered, with a keyset cursor; the whole log as CSV or
 * JSON lines, and verification of the hash chain.
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
	 * @param actor only this actor, exactly
	 * @param action only this action, exactly
	 * @param q only records whose actor, target or detail contain this text (any case)
	 * @param sort {@code time}, {@code actor} or {@code action}, optionally with
	 * {@code :asc} or {@code :desc}; newest first by default; ties by sequence number
	 * @param after the {@code after} of the previous page, in the same order
	 * @param before newest first only: records older than this sequence number (the
	 * {@code next} of the previous page)
	 * @param limit 1 to 1000
	 */
	@GetMapping
	AuditPage page(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
			@RequestParam(required = false) String q, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String after, @RequestParam(required = false) Long before,
			@RequestParam(defaultValue = "100") int limit) {
		AuditSort order = AuditSort.parse(sort);
		AuditQuery query = new AuditQuery(actor, action, q, order, limit).after(after);
		if (before != null) {
			if (!order.equals(AuditSort.NEWEST_FIRST) || query.after() != null) {
				throw new ApiProblem(HttpStatus.BAD_REQUEST,
						"before pages newest first only, and not with after: use after for other orders");
			}
			query = new AuditQuery(actor, action, q, order, new AuditQuery.Position(before.toString(), before), limit);
		}
		List<AuditRecord> records = this.auditLog.page(query);
		boolean more = records.size() == query.limit();
		Long next = (more && order.equals(AuditSort.NEWEST_FIRST)) ? records.getLast().seq() : null;
		return new AuditPage(records, next, more ? query.cursor(records.getLast()) : null);
	}

	/**
	 * @param format {@code csv} or {@code jsonl}
	 */
	@GetMapping("/export")
	void export(@RequestParam String format, @RequestParam(required = false) String actor,
			@RequestParam(required = false) String action, @RequestParam(required = false) String q,
			@RequestParam(required = false) String sort, HttpServletResponse response) throws IOException {
		this.export.write(format, new AuditQuery(actor, action, q, AuditSort.parse(sort), AuditQuery.MAX_LIMIT),
				response);
	}

	@GetMapping("/verify")
	AuditVerdict verify() {
		return this.verification.verify();
	}

	/**
	 * @param records in the order asked for
	 * @param next newest first only: pass as {@code before} for the next (older) page;
	 * null on the last page and in other orders
	 * @param after pass as {@code after} (with the same {@code sort}) for the next page;
	 * null on the last page
	 */
	record AuditPage(List<AuditRecord> records, Long next, String after) {
	}

}
