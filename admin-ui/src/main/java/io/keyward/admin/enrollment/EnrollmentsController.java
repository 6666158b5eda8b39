package io.keyward.admin.enrollment;

import static io.keyward.admin.web.FormValues.blankToNull;

import java.util.List;

import io.keyward.admin.AdminProperties;
import io.keyward.admin.certificate.SortLinks;
import io.keyward.admin.profile.Profiles;
import io.keyward.admin.web.RemoteCall;
import io.keyward.admin.web.SearchFilters;
import io.keyward.api.gateway.EnrollmentLogClient;
import io.keyward.api.gateway.RefusalPage;
import io.keyward.api.gateway.TransactionPage;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The enrollments list at {@code /enrollments}: SCEP requests as the scep-gateway
 * recorded them, searched ({@code q}, the gateway's search language), filtered per column
 * (status, profile, created from/to: {@link SearchFilters} add them to the query), sorted
 * by created, subject or status, paged by the gateway's keyset cursor ({@code after}),
 * read over the gateway's REST API, never from its tables. Its first page also shows the
 * newest requests refused before a transaction was recorded.
 */
@Controller
class EnrollmentsController {

	static final String PATH = "/enrollments";

	/** Refusals shown on the list's first page. */
	static final int REFUSALS_SHOWN = 25;

	/** The status filter's choices: the search's value and what the page shows. */
	static final List<List<String>> STATUSES = List.of(List.of("pending", "Pending"),
			List.of("waiting", "Waiting for approval"), List.of("issued", "Issued"), List.of("refused", "Refused"),
			List.of("rejected", "Rejected"), List.of("expired", "Expired"));

	private final EnrollmentLogClient enrollmentLog;

	private final Profiles profiles;

	private final AdminProperties properties;

	private final Refusals refused;

	EnrollmentsController(EnrollmentLogClient enrollmentLog, Profiles profiles, AdminProperties properties,
			Refusals refused) {
		this.enrollmentLog = enrollmentLog;
		this.profiles = profiles;
		this.properties = properties;
		this.refused = refused;
	}

	/**
	 * @return the filters of the page's select boxes and date fields, as search terms
	 */
	static SearchFilters filters(String status, String profile, String from, String to) {
		return new SearchFilters().add("status", status, "status")
			.add("profile", profile, "profile")
			.add("from", from, "from")
			.add("to", to, "to");
	}

	@GetMapping(PATH)
	String enrollments(@RequestParam(required = false) String q, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String after, @RequestParam(required = false) String status,
			@RequestParam(required = false) String profile, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, Model model) {
		String typed = blankToNull(q);
		String order = blankToNull(sort);
		String cursor = blankToNull(after);
		SearchFilters filters = filters(status, profile, from, to);
		RemoteCall<TransactionPage> call = RemoteCall.of("scep-gateway", this.properties.gatewayUrl(),
				this.properties.hasServiceToken(),
				() -> this.enrollmentLog.search(filters.query(typed), order, cursor, this.properties.pageSize()));
		List<EnrollmentRow> rows = EnrollmentRow.rows(call);
		String next = EnrollmentRow.next(call, filters.link(PATH, typed, order));
		if (cursor == null) {
			refusals(model);
		}
		model.addAttribute("problem", call.problem());
		model.addAttribute("rows", rows);
		model.addAttribute("q", (typed != null) ? typed : "");
		model.addAttribute("sort", (order != null) ? order : "");
		model.addAttribute("filters", filters);
		model.addAttribute("filtered", typed != null || !filters.query(null).isEmpty());
		model.addAttribute("statuses", STATUSES);
		model.addAttribute("profiles", this.profiles.names());
		model.addAttribute("firstPage", cursor == null);
		model.addAttribute("next", next);
		model.addAttribute("first", filters.link(PATH, typed, order).encode().toUriString());
		model.addAttribute("csv", filters.link(EnrollmentExportController.PATH, typed, order).encode().toUriString());
		model.addAttribute("orders",
				SortLinks.requests(order, (column) -> filters.link(PATH, typed, column).encode().toUriString()));
		return "dashboard";
	}

	/**
	 * The newest requests refused before the gateway recorded a transaction, shown above
	 * the first page so every refusal is visible with its reason.
	 */
	private void refusals(Model model) {
		RemoteCall<RefusalPage> call = this.refused.page(0, REFUSALS_SHOWN).forPage();
		RefusalPage page = call.value();
		model.addAttribute("refusals", (page != null && page.items() != null)
				? page.items().stream().map(RefusalRow::of).toList() : List.of());
		model.addAttribute("refusalsTotal", (page != null) ? page.total() : 0);
		model.addAttribute("refusalsProblem", call.problem());
	}

}
