package io.keyward.gateway.refusal;

import io.keyward.api.gateway.RefusalPage;
import io.keyward.edge.problem.InvalidRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin-ui's read API over refusals
 * ({@link io.keyward.api.gateway.EnrollmentLogClient}), scope {@code refusals:read}.
 */
@RestController
class RefusalController {

	private static final int MAX_PAGE_SIZE = 500;

	private final RefusalLog refusals;

	RefusalController(RefusalLog refusals) {
		this.refusals = refusals;
	}

	@GetMapping("/api/v1/refusals")
	RefusalPage refusals(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
			@RequestParam(required = false) String q, @RequestParam(required = false) String profile,
			@RequestParam(required = false) String failInfo, @RequestParam(required = false) String sort) {
		if (page < 0 || page > 1_000_000) {
			throw new InvalidRequest("page must be between 0 and 1000000");
		}
		if (size < 1 || size > MAX_PAGE_SIZE) {
			throw new InvalidRequest("size must be between 1 and " + MAX_PAGE_SIZE);
		}
		return this.refusals.page(page, size, RefusalFilter.of(q, profile, failInfo, sort));
	}

}
