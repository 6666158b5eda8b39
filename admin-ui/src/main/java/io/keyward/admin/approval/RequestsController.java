package io.keyward.admin.approval;

import java.util.List;

import io.keyward.admin.AdminProperties;
import io.keyward.admin.enrollment.EnrollmentRow;
import io.keyward.admin.security.Actor;
import io.keyward.admin.web.ApiProblem;
import io.keyward.admin.web.RemoteCall;
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
 * The approval queue: requests that wait for an admin, oldest decisions first, with
 * approve and reject forms (CSRF-protected).
 */
@Controller
class RequestsController {

	private final ApprovalQueue queue;

	private final EnrollmentLogClient gateway;

	private final AdminProperties properties;

	RequestsController(ApprovalQueue queue, EnrollmentLogClient gateway, AdminProperties properties) {
		this.queue = queue;
		this.gateway = gateway;
		this.properties = properties;
	}

	@GetMapping("/requests")
	String requests(Model model) {
		RemoteCall<TransactionPage> call = RemoteCall.of(ApprovalQueue.SERVICE, this.properties.gatewayUrl(),
				this.properties.hasServiceToken(),
				() -> this.queue.requests("PENDING", 0, ApprovalQueue.MAX_PAGE_SIZE));
		List<EnrollmentRow> rows = List.of();
		if (call.ok() && call.value() != null && call.value().items() != null) {
			rows = call.value().items().stream().map(EnrollmentRow::of).toList();
		}
		model.addAttribute("problem", call.problem());
		model.addAttribute("rows", rows);
		return "requests";
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
