package io.keyward.admin.approval;

import java.util.Locale;
import java.util.Map;

import io.keyward.admin.audit.AdminActions;
import io.keyward.admin.web.ApiProblem;
import io.keyward.admin.web.Upstream;
import io.keyward.api.gateway.ApprovalDecision;
import io.keyward.api.gateway.EnrollmentLogClient;
import io.keyward.api.gateway.EnrollmentTransaction;
import io.keyward.api.gateway.TransactionPage;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Enrollment requests and the decisions on those that wait for approval, for the admin
 * API and the dashboard alike. The gateway carries each decision out and records who
 * decided; this side checks the input and records it in the admin trail.
 */
@Service
public class ApprovalQueue {

	static final String SERVICE = "scep-gateway";

	static final int MAX_PAGE_SIZE = 500;

	static final String WAITING_APPROVAL = "WAITING_APPROVAL";

	static final int MAX_COMMENT_LENGTH = 1000;

	/**
	 * The names admins use, as the admin API takes them, and the gateway's own: a request
	 * that waits for an admin is "pending" to an admin.
	 */
	private static final Map<String, String> STATUSES = Map.of("PENDING", "WAITING_APPROVAL", "WAITING_APPROVAL",
			"WAITING_APPROVAL", "OPEN", "RECEIVED", "RECEIVED", "RECEIVED", "ISSUED", "ISSUED", "FAILED", "FAILED");

	private final EnrollmentLogClient gateway;

	private final AdminActions actions;

	ApprovalQueue(EnrollmentLogClient gateway, AdminActions actions) {
		this.gateway = gateway;
		this.actions = actions;
	}

	/**
	 * @param status an admin-facing status name, null for all
	 */
	public TransactionPage requests(String status, int page, int size) {
		if (page < 0) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "page must be 0 or more");
		}
		if (size < 1 || size > MAX_PAGE_SIZE) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "size must be between 1 and " + MAX_PAGE_SIZE);
		}
		if (status == null || status.isBlank()) {
			return Upstream.call(SERVICE, () -> this.gateway.transactions(page, size));
		}
		String gatewayStatus = STATUSES.get(status.strip().toUpperCase(Locale.ROOT));
		if (gatewayStatus == null) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "status must be one of PENDING, OPEN, ISSUED, FAILED");
		}
		return Upstream.call(SERVICE, () -> this.gateway.transactions(page, size, gatewayStatus));
	}

	public EnrollmentTransaction approve(String id, String comment, String actor) {
		ApprovalDecision decision = decision(id, comment, actor);
		EnrollmentTransaction approved = Upstream.call(SERVICE, () -> this.gateway.approve(id, decision));
		this.actions.record(actor, "request_approved", target(approved), comment);
		return approved;
	}

	public EnrollmentTransaction reject(String id, String comment, String actor) {
		ApprovalDecision decision = decision(id, comment, actor);
		EnrollmentTransaction rejected = Upstream.call(SERVICE, () -> this.gateway.reject(id, decision));
		this.actions.record(actor, "request_rejected", target(rejected), comment);
		return rejected;
	}

	private static ApprovalDecision decision(String id, String comment, String actor) {
		if (id == null || !id.matches("[0-9a-fA-F-]{36}")) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "id must be a request id (a UUID)");
		}
		if (comment != null && comment.length() > MAX_COMMENT_LENGTH) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST,
					"comment must be at most " + MAX_COMMENT_LENGTH + " characters");
		}
		return new ApprovalDecision(actor, (comment == null || comment.isBlank()) ? null : comment.strip());
	}

	private static String target(EnrollmentTransaction transaction) {
		return "request:" + transaction.id();
	}

}
