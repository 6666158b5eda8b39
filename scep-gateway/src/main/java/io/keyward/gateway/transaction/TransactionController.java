package io.keyward.gateway.transaction;

import java.util.Arrays;
import java.util.UUID;

import io.keyward.api.gateway.TransactionPage;
import io.keyward.edge.log.CorrelationIds;
import io.keyward.edge.problem.InvalidRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin-ui's read API over SCEP transactions
 * ({@link io.keyward.api.gateway.EnrollmentLogClient}).
 */
@RestController
class TransactionController {

	private static final int MAX_PAGE_SIZE = 500;

	private final TransactionHistory log;

	private final TransactionSearch search;

	TransactionController(TransactionHistory log, TransactionSearch search) {
		this.log = log;
		this.search = search;
	}

	@GetMapping("/api/v1/transactions")
	TransactionPage transactions(@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size, @RequestParam(required = false) String status,
			@RequestParam(required = false) String profile, @RequestParam(required = false) String transactionId,
			@RequestParam(required = false) String correlationId, @RequestParam(required = false) String q,
			@RequestParam(required = false) String sort, @RequestParam(required = false) String after) {
		if (page < 0) {
			throw new InvalidRequest("page must be 0 or more");
		}
		if (size < 1 || size > MAX_PAGE_SIZE) {
			throw new InvalidRequest("size must be between 1 and " + MAX_PAGE_SIZE);
		}
		if (q != null || sort != null || after != null) {
			// the search: keyset pages in the order asked for, the filters in q
			if (page != 0 || status != null || profile != null || transactionId != null || correlationId != null) {
				throw new InvalidRequest("q, sort and after page by cursor: they cannot be combined with page, "
						+ "status, profile, transactionId or correlationId (put those in q)");
			}
			return this.search.search(q, sort, after, size);
		}
		if (correlationId != null) {
			UUID id = CorrelationIds.parse(correlationId);
			if (id == null || status != null || transactionId != null) {
				throw new InvalidRequest(
						"correlationId must be a UUID, and cannot be combined with status or " + "transactionId");
			}
			return this.log.withCorrelationId(id, page, size);
		}
		if (transactionId != null) {
			if (profile == null || status != null) {
				throw new InvalidRequest("transactionId needs profile, and cannot be combined with status");
			}
			return this.log.withTransactionId(profile, transactionId, page, size);
		}
		return this.log.page(page, size, (status != null) ? status(status) : null);
	}

	private static TransactionStatus status(String name) {
		for (TransactionStatus candidate : TransactionStatus.values()) {
			if (candidate.name().equals(name)) {
				return candidate;
			}
		}
		throw new InvalidRequest("status must be one of " + Arrays.toString(TransactionStatus.values()));
	}

}
