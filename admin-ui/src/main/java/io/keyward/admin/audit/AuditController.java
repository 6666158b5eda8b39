package io.keyward.admin.audit;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import io.keyward.admin.AdminProperties;
import io.keyward.admin.certificate.SortLinks;
import io.keyward.admin.web.ApiProblem;
import io.keyward.admin.web.Timestamps;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The Audit page: sorted by time (newest first by default), actor or action either way
 * ({@link AuditSort}), filtered by actor (a select of the actors in the log,
 * {@link AuditActors}), action (a select of the known actions) and text, paged by a
 * keyset cursor in SQL; a sort or cursor it cannot read is a 400 with a banner. Downloads
 * as CSV or JSON lines with the same filters and order; a check of the hash chain on
 * request. Actors and targets include text typed at the sign-in form, so the template
 * prints everything with {@code th:text} only.
 */
@Controller
class AuditController {

	/** The actions admin-ui records, for the action filter. */
	static final List<String> ACTIONS = List.of("admin_action_refused", "admin_created", "admin_disabled",
			"admin_password_change_refused", "admin_password_changed", "admin_role_changed", "admin_sessions_ended",
			"admin_sign_in_failed", "admin_signed_in", "admin_signed_out", "ca_next_prepared", "certificate_revoked",
			"challenge_minted", "challenge_revoked", "mdm_client_created", "mdm_client_disabled",
			"mdm_client_key_added", "mdm_client_key_revoked", "request_approved", "request_rejected", "token_created",
			"token_revoked", "webhook_replayed", "webhook_replayed_all");

	private final AuditLog auditLog;

	private final AuditExport export;

	private final AuditVerification verification;

	private final AdminProperties properties;

	private final AuditActors actors;

	AuditController(AuditLog auditLog, AuditExport export, AuditVerification verification, AdminProperties properties,
			AuditActors actors) {
		this.auditLog = auditLog;
		this.actors = actors;
		this.export = export;
		this.verification = verification;
		this.properties = properties;
	}

	@GetMapping("/audit")
	String audit(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
			@RequestParam(required = false) String q, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String after, @RequestParam(required = false) String verify, Model model,
			HttpServletResponse response) {
		AuditQuery query = new AuditQuery(actor, action, q, AuditSort.NEWEST_FIRST, this.properties.pageSize());
		List<AuditRecord> records = List.of();
		try {
			// the order first: a cursor it refuses leaves the page in that order
			query = new AuditQuery(actor, action, q, AuditSort.parse(sort), this.properties.pageSize());
			query = query.after(after);
			records = this.auditLog.page(query);
		}
		catch (ApiProblem ex) {
			response.setStatus(ex.status().value());
			model.addAttribute("problem", "This page cannot be shown: " + ex.getMessage() + ".");
		}
		AuditQuery shown = query;
		String next = null;
		if (records.size() == query.limit()) {
			next = filtered("/audit", query).queryParam("after", query.cursor(records.getLast()))
				.encode()
				.toUriString();
		}
		model.addAttribute("records", records.stream().map(AuditRow::of).toList());
		model.addAttribute("actor", (query.actor() != null) ? query.actor() : "");
		model.addAttribute("action", (query.action() != null) ? query.action() : "");
		model.addAttribute("q", (query.text() != null) ? query.text() : "");
		model.addAttribute("sort", query.sort().spelling());
		model.addAttribute("actors", this.actors.known());
		model.addAttribute("actions", ACTIONS);
		model.addAttribute("filtered", query.actor() != null || query.action() != null || query.text() != null);
		model.addAttribute("firstPage", query.after() == null);
		model.addAttribute("first", filtered("/audit", query).encode().toUriString());
		model.addAttribute("next", next);
		model.addAttribute("orders", SortLinks.audit(query.sort().spelling(),
				(column) -> filters("/audit", shown).queryParam("sort", column).encode().toUriString()));
		model.addAttribute("csv", filtered("/audit/export", query).queryParam("format", "csv").encode().toUriString());
		model.addAttribute("jsonl",
				filtered("/audit/export", query).queryParam("format", "jsonl").encode().toUriString());
		model.addAttribute("verdict", (verify != null) ? this.verification.verify() : null);
		return "audit";
	}

	@GetMapping("/audit/export")
	void export(@RequestParam String format, @RequestParam(required = false) String actor,
			@RequestParam(required = false) String action, @RequestParam(required = false) String q,
			@RequestParam(required = false) String sort, HttpServletResponse response) throws IOException {
		this.export.write(format, new AuditQuery(actor, action, q, AuditSort.parse(sort), AuditQuery.MAX_LIMIT),
				response);
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

	private static UriComponentsBuilder filters(String path, AuditQuery query) {
		return UriComponentsBuilder.fromPath(path)
			.queryParamIfPresent("actor", Optional.ofNullable(query.actor()))
			.queryParamIfPresent("action", Optional.ofNullable(query.action()))
			.queryParamIfPresent("q", Optional.ofNullable(query.text()));
	}

	private static UriComponentsBuilder filtered(String path, AuditQuery query) {
		return filters(path, query).queryParamIfPresent("sort", Optional.of(query.sort().spelling())
			.filter((spelling) -> !query.sort().equals(AuditSort.NEWEST_FIRST)));
	}

}
