package io.keyward.api.gateway;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * The gateway's API over its SCEP transactions, authenticated with a service token: the
 * log, and the decisions on transactions whose profile requires approval.
 */
@HttpExchange("/api/v1")
public interface EnrollmentLogClient {

	@GetExchange("/transactions")
	TransactionPage transactions(@RequestParam int page, @RequestParam int size);

	/**
	 * The request search: keyset pages ({@link TransactionPage#nextCursor()}), not
	 * counted.
	 * @param q the search box's text (docs/api/scep-gateway.md, "Search"), empty for
	 * every request
	 * @param sort {@code created}, {@code subject} or {@code status}, optionally
	 * {@code :asc} or {@code :desc}; null for newest first
	 * @param after the previous page's {@code nextCursor}, null for the first page
	 * @param size rows per page, 1 to 500
	 */
	@GetExchange("/transactions")
	TransactionPage search(@RequestParam String q, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String after, @RequestParam int size);

	/**
	 * @return enrollments and refusals per hour and per day, refusals by reason, pending
	 * approvals (scope {@code statistics:read})
	 */
	@GetExchange("/statistics/enrollments")
	EnrollmentStatistics statistics();

	/**
	 * @param status only transactions in this status, for example
	 * {@code WAITING_APPROVAL}
	 */
	@GetExchange("/transactions")
	TransactionPage transactions(@RequestParam int page, @RequestParam int size, @RequestParam String status);

	/**
	 * @param profile the profile the transactionID was used on
	 * @param transactionId the SCEP transactionID
	 * @return its transactions (a first enrollment and renewals may share it), newest
	 * first
	 */
	@GetExchange("/transactions")
	TransactionPage transactionsWithId(@RequestParam String profile, @RequestParam String transactionId,
			@RequestParam int page, @RequestParam int size);

	/**
	 * @param correlationId the correlation id of one enrollment (issue 14)
	 * @return its transactions, newest first (a device's retries of a refused request
	 * with new transactionIDs share the challenge's id)
	 */
	@GetExchange("/transactions")
	TransactionPage transactionsWithCorrelationId(@RequestParam String correlationId, @RequestParam int page,
			@RequestParam int size);

	/**
	 * Requests the gateway refused before it recorded a transaction (no challenge
	 * password, a message that does not parse, an unknown profile...), newest first; the
	 * gateway keeps a bounded number. Scope {@code refusals:read}.
	 */
	@GetExchange("/refusals")
	RefusalPage refusals(@RequestParam int page, @RequestParam int size);

	/**
	 * As {@link #refusals(int, int)}, filtered and sorted.
	 * @param q text found in the reason, transactionID, message type or profile (any
	 * case), null for any
	 * @param profile this profile exactly, null for any
	 * @param failInfo this failInfo name exactly, null for any
	 * @param sort {@code time}, {@code failInfo} or {@code profile} with {@code :asc} or
	 * {@code :desc}; null for {@code time:desc}
	 */
	@GetExchange("/refusals")
	RefusalPage refusals(@RequestParam int page, @RequestParam int size, @RequestParam(required = false) String q,
			@RequestParam(required = false) String profile, @RequestParam(required = false) String failInfo,
			@RequestParam(required = false) String sort);

	/**
	 * Approve a transaction in WAITING_APPROVAL; the certificate is issued by the
	 * gateway's finisher or on the device's next poll. 404 for an unknown id, 409 when it
	 * is not waiting.
	 */
	@PostExchange("/transactions/{id}/approve")
	EnrollmentTransaction approve(@PathVariable String id, @RequestBody ApprovalDecision decision);

	/**
	 * Reject a transaction in WAITING_APPROVAL: the device's next poll gets FAILURE
	 * badRequest. 404 for an unknown id, 409 when it is not waiting.
	 */
	@PostExchange("/transactions/{id}/reject")
	EnrollmentTransaction reject(@PathVariable String id, @RequestBody ApprovalDecision decision);

}
