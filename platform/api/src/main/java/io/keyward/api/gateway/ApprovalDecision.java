package io.keyward.api.gateway;

/**
 * An admin's decision on an enrollment that waits for approval.
 *
 * @param decidedBy who decided ({@code admin:<user>}, {@code token:<name>})
 * @param comment why (may be null)
 */
public record ApprovalDecision(String decidedBy, String comment) {
}
