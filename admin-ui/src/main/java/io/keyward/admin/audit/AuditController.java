package io.keyward.admin.audit;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import io.keyward.admin.AdminProperties;
import io.keyward.admin.web.Timestamps;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The Audit page: newest first, filtered by actor and action, paged by sequence number;
 * downloads as CSV or JSON lines; a check of the hash chain on request. Actors and
 * targets include text typed at the sign-in form, so the template prints everything with
 * {@code th:text} only.
 */
@Controller
class AuditController {

	private final AuditLog auditLog;

	private final AuditExport export;

	private final AuditVerification verification;

	private final AdminProperties properties;

	AuditController(AuditLog auditLog, AuditExport export, AuditVerification verification, AdminProperties properties) {
		this.auditLog = auditLog;
		this.export = export;
		this.verification = verification;
		this.properties = properties;
	}

	@GetMapping("/audit")
	String audit(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
			@RequestParam(required = false) Long before, @RequestParam(required = false) String verify, Model model) {
		AuditQuery query = new AuditQuery(actor, action, before, this.properties.pageSize());
		List<AuditRecord> records = this.auditLog.page(query);
		String next = null;
		if (records.size() == query.limit()) {
			next = filtered("/audit", query).queryParam("before", records.getLast().seq()).encode().toUriString();
		}
		model.addAttribute("records", records.stream().map(AuditRow::of).toList());
		model.addAttribute("actor", (query.actor() != null) ? query.actor() : "");
		model.addAttribute("action", (query.action() != null) ? query.action() : "");
		model.addAttribute("firstPage", before == null);
		model.addAttribute("newest", filtered("/audit", query).encode().toUriString());
		model.addAttribute("next", next);
		model.addAttribute("csv", filtered("/audit/export", query).queryParam("format", "csv").encode().toUriString());
		model.addAttribute("jsonl",
				filtered("/audit/export", query).queryParam("format", "jsonl").encode().toUriString());
		model.addAttribute("verdict", (verify != null) ? this.verification.verify() : null);
		return "audit";
	}

	@GetMapping("/audit/export")
	void export(@RequestParam String format, @RequestParam(required = false) String actor,
			@RequestParam(required = false) String action, HttpServletResponse response) throws IOException {
		this.export.write(format, actor, action, response);
	}

	/**
	 * One line of the audit table.
	 */
	record AuditRow(long seq, String at, String actor, String action, String target, String detail) {

		static AuditRow of(AuditRecord record) {
			return new AuditRow(record.seq(), Timestamps.utc(record.at()), record.actor(), record.action(),
					record.target(), record.detail());
		}

	}

	private static UriComponentsBuilder filtered(String path, AuditQuery query) {
		return UriComponentsBuilder.fromPath(path)
			.queryParamIfPresent("actor", Optional.ofNullable(query.actor()))
			.queryParamIfPresent("action", Optional.ofNullable(query.action()));
	}

}
