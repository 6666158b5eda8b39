package io.keyward.admin.enrollment;

/**
 * A SCEP transaction's state as an admin reads it, from the gateway's status. The gateway
 * says RECEIVED for an open transaction (being worked on, or retried after an outage):
 * the device was told PENDING (RFC 8894 section 3.3.2.3), so the admin sees "Pending"
 * too. A FAILED transaction is "Refused", unless the gateway closed it because nobody
 * approved it in time ("Expired") or an approver rejected it ("Rejected").
 *
 * @param label what the page shows
 * @param style CSS class suffix of the badge, from a fixed set
 */
public record EnrollmentState(String label, String style) {

	/** The gateway's failure reason of a request nobody approved in time. */
	static final String APPROVAL_EXPIRED = "approval expired";

	/** The gateway's failure reason of a request an approver rejected. */
	static final String REJECTED = "request rejected";

	public static EnrollmentState of(String status, String failureReason) {
		String reason = (failureReason != null) ? failureReason : "";
		return switch ((status != null) ? status : "") {
			case "RECEIVED", "PENDING" -> new EnrollmentState("Pending", "pending");
			case "WAITING_APPROVAL" -> new EnrollmentState("Waiting for approval", "waiting_approval");
			case "ISSUED" -> new EnrollmentState("Issued", "issued");
			case "FAILED" -> switch (reason) {
				case APPROVAL_EXPIRED -> new EnrollmentState("Expired", "expired");
				case REJECTED -> new EnrollmentState("Rejected", "rejected");
				default -> new EnrollmentState("Refused", "failed");
			};
			case "REFUSED" -> new EnrollmentState("Refused", "failed");
			default -> new EnrollmentState((status != null) ? status : "", "other");
		};
	}

}
