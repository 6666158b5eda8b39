package io.keyward.admin.enrollment;

import java.util.List;

import io.keyward.admin.AdminProperties;
import io.keyward.admin.web.Paging;
import io.keyward.admin.web.RemoteCall;
import io.keyward.api.gateway.EnrollmentLogClient;
import io.keyward.api.gateway.RefusalPage;
import io.keyward.api.gateway.TransactionPage;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The enrollments list at {@code /enrollments}: SCEP enrollments, newest first, as the
 * scep-gateway recorded them, read over the gateway's REST API, never from its tables.
 * {@code /} answers the same list until the overview takes its place. Its first page also
 * shows the newest requests refused before a transaction was recorded.
 */
@Controller
class EnrollmentsController {

	static final String PATH = "/enrollments";

	/** Refusals shown on the list's first page. */
	static final int REFUSALS_SHOWN = 25;

	private final EnrollmentLogClient enrollmentLog;

	private final AdminProperties properties;

	private final Refusals refused;

	EnrollmentsController(EnrollmentLogClient enrollmentLog, AdminProperties properties, Refusals refused) {
		this.enrollmentLog = enrollmentLog;
		this.properties = properties;
		this.refused = refused;
	}

	@GetMapping(PATH)
	String enrollments(@RequestParam(defaultValue = "0") int page, Model model) {
		return list(PATH, page, model);
	}

	private String list(String path, int page, Model model) {
		int requested = Paging.requested(page);
		int size = this.properties.pageSize();
		RemoteCall<TransactionPage> call = RemoteCall.of("scep-gateway", this.properties.gatewayUrl(),
				this.properties.hasServiceToken(), () -> this.enrollmentLog.transactions(requested, size));
		List<EnrollmentRow> rows = List.of();
		Paging paging = new Paging(requested, size, 0);
		if (call.ok() && call.value() != null) {
			TransactionPage answer = call.value();
			paging = new Paging(requested, size, answer.total());
			if (paging.beyondLast()) {
				return paging.redirectToLast(path);
			}
			rows = (answer.items() != null) ? answer.items().stream().map(EnrollmentRow::of).toList() : List.of();
		}
		if (paging.page() == 0) {
			refusals(model);
		}
		model.addAttribute("problem", call.problem());
		model.addAttribute("rows", rows);
		model.addAttribute("paging", paging);
		model.addAttribute("path", path);
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
