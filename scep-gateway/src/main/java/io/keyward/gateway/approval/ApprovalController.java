package io.keyward.gateway.approval;

import java.util.UUID;

import io.keyward.api.gateway.ApprovalDecision;
import io.keyward.api.gateway.EnrollmentTransaction;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Approve or reject a transaction waiting for approval
 * ({@link io.keyward.api.gateway.EnrollmentLogClient#approve}), service-token
 * authenticated like the rest of {@code /api/**}.
 */
@RestController
class ApprovalController {

	private final Approvals approvals;

	ApprovalController(Approvals approvals) {
		this.approvals = approvals;
	}

	@PostMapping("/api/v1/transactions/{id}/approve")
	EnrollmentTransaction approve(@PathVariable String id, @RequestBody ApprovalDecision decision) {
		return this.approvals.approve(uuid(id), decision);
	}

	@PostMapping("/api/v1/transactions/{id}/reject")
	EnrollmentTransaction reject(@PathVariable String id, @RequestBody ApprovalDecision decision) {
		return this.approvals.reject(uuid(id), decision);
	}

	/** An id that is not a UUID names no transaction: 404, as an unknown UUID does. */
	private static UUID uuid(String id) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw new TransactionNotFound(id);
		}
	}

}
