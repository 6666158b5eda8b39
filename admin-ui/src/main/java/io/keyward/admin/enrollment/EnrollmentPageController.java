package io.keyward.admin.enrollment;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The dashboard page of one enrollment: challenge, requests, certificates and renewals
 * under one correlation id (issue 14). Linked from the enrollment log and the
 * certificates.
 */
@Controller
class EnrollmentPageController {

	private final EnrollmentHistories histories;

	EnrollmentPageController(EnrollmentHistories histories) {
		this.histories = histories;
	}

	@GetMapping("/enrollments/{correlationId}")
	String enrollment(@PathVariable String correlationId, Model model) {
		EnrollmentHistory history = this.histories.find(correlationId);
		model.addAttribute("history", history);
		model.addAttribute("rows", history.transactions().stream().map(EnrollmentRow::of).toList());
		return "enrollment";
	}

}
