package io.keyward.admin.approval;

import static io.keyward.admin.web.FormValues.blankToNull;

import java.util.List;
import java.util.Locale;

import io.keyward.admin.AdminProperties;
import io.keyward.admin.certificate.SortLinks;
import io.keyward.admin.enrollment.EnrollmentRow;
import io.keyward.admin.security.Actor;
import io.keyward.admin.profile.Profiles;
import io.keyward.admin.web.ApiProblem;
import io.keyward.admin.web.RemoteCall;
import io.keyward.admin.web.SearchFilters;
import io.keyward.api.gateway.EnrollmentLogClient;
import io.keyward.api.gateway.TransactionPage;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The approval queue: requests that wait for an admin, with approve and reject forms
 * (CSRF-protected). Filtered (subject text, profile), sorted (created, subject) and paged
 * by the gateway's request search ({@code status:waiting} and the page's filters, keyset
 * cursor {@code after}), never loaded whole.
 */
@Controller
class RequestsController {

	static final String PATH = "/requests";

	private final ApprovalQueue queue;

	private final EnrollmentLogClient gateway;

	/**
	 * The requests list's CSV export (admin-ui enrollment/EnrollmentExportController).
	 */
	private static final String ENROLLMENTS_CSV = "/enrollments.csv";

	private final Profiles profiles;

	private final AdminProperties properties;

	RequestsController(ApprovalQueue queue, EnrollmentLogClient gateway, Profiles profiles,
			AdminProperties properties) {
		this.queue = queue;
		this.gateway = gateway;
		this.profiles = profiles;
		this.properties = properties;
	}

	@GetMapping(PATH)
	String requests(@RequestParam(required = false) String q, @RequestParam(required = false) String profile,
			@RequestParam(required = false) String sort, @RequestParam(required = false) String after, Model model) {
		String typed = blankToNull(q);
		String order = order(sort);
		String cursor = blankToNull(after);
		SearchFilters filters = new SearchFilters().add("profile", profile, "profile");
		String query = "status:waiting " + filters.query(typed);
		RemoteCall<TransactionPage> call = RemoteCall.of(ApprovalQueue.SERVICE, this.properties.gatewayUrl(),
				this.properties.hasServiceToken(),
				() -> this.gateway.search(query.strip(), order, cursor, this.properties.pageSize()));
		List<EnrollmentRow> rows = EnrollmentRow.rows(call);
		String next = EnrollmentRow.next(call, filters.link(PATH, typed, order));
		model.addAttribute("problem", call.problem());
		model.addAttribute("rows", rows);
		model.addAttribute("q", (typed != null) ? typed : "");
		model.addAttribute("sort", (order != null) ? order : "");
		model.addAttribute("filters", filters);
		model.addAttribute("filtered", typed != null || !filters.query(null).isEmpty());
		model.addAttribute("profiles", this.profiles.names());
		model.addAttribute("firstPage", cursor == null);
		model.addAttribute("next", next);
		model.addAttribute("first", filters.link(PATH, typed, order).encode().toUriString());
		// the same search as CSV: the requests list's export, with status:waiting added
		model.addAttribute("csv",
				new SearchFilters().add("status", "waiting", "status")
					.add("profile", profile, "profile")
					.link(ENROLLMENTS_CSV, typed, order)
					.encode()
					.toUriString());
		model.addAttribute("orders",
				SortLinks.approvals(order, (column) -> filters.link(PATH, typed, column).encode().toUriString()));
		return "requests";
	}

	/**
	 * @return the order asked for when the queue offers it, otherwise null (newest
	 * first): any other value never reaches the gateway
	 */
	static String order(String sort) {
		String asked = blankToNull(sort);
		return (asked != null && SortLinks.APPROVAL_ORDERS.contains(asked.toLowerCase(Locale.ROOT)))
				? asked.toLowerCase(Locale.ROOT) : null;
	}

	@PostMapping("/requests/{id}/approve")
	String approve(@PathVariable String id, @RequestParam(required = false) String comment,
			RedirectAttributes redirect) {
		return decide(redirect, () -> this.queue.approve(id, comment, Actor.current()), "approved");
	}

	@PostMapping("/requests/{id}/reject")
	String reject(@PathVariable String id, @RequestParam(required = false) String comment,
			RedirectAttributes redirect) {
		return decide(redirect, () -> this.queue.reject(id, comment, Actor.current()), "rejected");
	}

	private String decide(RedirectAttributes redirect, Runnable decision, String outcome) {
		try {
			decision.run();
			redirect.addFlashAttribute("notice", "Request " + outcome + ".");
		}
		catch (ApiProblem ex) {
			redirect.addFlashAttribute("decisionProblem", ex.getMessage());
		}
		return "redirect:/requests";
	}

}
