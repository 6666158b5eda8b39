package io.keyward.admin.enrollment;

import java.util.List;

import io.keyward.admin.AdminProperties;
import io.keyward.admin.web.Paging;
import io.keyward.admin.web.RemoteCall;
import io.keyward.api.gateway.EnrollmentLogClient;
import io.keyward.api.gateway.TransactionPage;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The dashboard: recent SCEP enrollments, newest first, as the scep-gateway recorded
 * them. Read over the gateway's REST API, never from its tables.
 */
@Controller
class DashboardController {

	private final EnrollmentLogClient enrollmentLog;

	private final AdminProperties properties;

	DashboardController(EnrollmentLogClient enrollmentLog, AdminProperties properties) {
		this.enrollmentLog = enrollmentLog;
		this.properties = properties;
	}

	@GetMapping("/")
	String dashboard(@RequestParam(defaultValue = "0") int page, Model model) {
		int requested = Paging.requested(page);
		int size = this.properties.pageSize();
		RemoteCall<TransactionPage> call = RemoteCall.of("scep-gateway", this.properties.gatewayUrl(),
				this.properties.hasServiceToken(), () -> this.enrollmentLog.transactions(requested, size));
		List<EnrollmentRow> rows = List.of();
		Paging paging = new Paging(requested, size, 0);
		if (call.ok() && call.value() != null) {
			TransactionPage answer = call.value();
			rows = (answer.items() != null) ? answer.items().stream().map(EnrollmentRow::of).toList() : List.of();
			paging = new Paging(requested, size, answer.total());
		}
		model.addAttribute("problem", call.problem());
		model.addAttribute("rows", rows);
		model.addAttribute("paging", paging);
		return "dashboard";
	}

}
