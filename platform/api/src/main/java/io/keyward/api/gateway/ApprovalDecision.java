package io.keyward.api.gateway;

/**
 * An admin's decision on a transaction that waits for approval.
 *
 * @param decidedBy who decided (an admin's name, recorded with the transaction)
 * @param comment why, optional; kept for the admins and not sent to the device
 */
public record ApprovalDecision(String decidedBy, String comment) {
}
