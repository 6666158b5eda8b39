package io.keyward.gateway.approval;

import java.util.UUID;

/**
 * The transaction exists but is not waiting for a decision: decided already, expired, or
 * on a profile without approval (HTTP 409).
 */
public class NotWaitingForApproval extends RuntimeException {

	NotWaitingForApproval(UUID id, String detail) {
		super(detail + " (id " + id + ")");
	}

}
