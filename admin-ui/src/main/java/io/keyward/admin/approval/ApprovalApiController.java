package io.keyward.admin.approval;

import io.keyward.admin.security.Actor;
import io.keyward.api.gateway.EnrollmentTransaction;
import io.keyward.api.gateway.TransactionPage;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin API over enrollment requests: list (e.g. {@code ?status=PENDING} for the
 * approval queue), approve, reject.
 */
@RestController
@RequestMapping("/api/v1/requests")
class ApprovalApiController {

	private final ApprovalQueue queue;

	ApprovalApiController(ApprovalQueue queue) {
		this.queue = queue;
	}

	@GetMapping
	TransactionPage requests(@RequestParam(required = false) String status, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		return this.queue.requests(status, page, size);
	}

	@PostMapping("/{id}/approve")
	EnrollmentTransaction approve(@PathVariable String id, @RequestBody(required = false) Decision decision) {
		return this.queue.approve(id, comment(decision), Actor.current());
	}

	@PostMapping("/{id}/reject")
	EnrollmentTransaction reject(@PathVariable String id, @RequestBody(required = false) Decision decision) {
		return this.queue.reject(id, comment(decision), Actor.current());
	}

	private static String comment(Decision decision) {
		return (decision != null) ? decision.comment() : null;
	}

	/**
	 * @param comment why, optional
	 */
	record Decision(String comment) {
	}

}
