package io.keyward.admin.enrollment;

import io.keyward.admin.web.Upstream;
import io.keyward.api.gateway.EnrollmentLogClient;
import io.keyward.api.gateway.TransactionPage;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin API's request search (scope {@code enrollments:read}): the gateway's search
 * ({@code q}, {@code sort}, keyset {@code after}) as the dashboard's enrollments list
 * asks it; a query the gateway cannot read is a 400 problem naming the bad term.
 */
@RestController
class EnrollmentSearchApiController {

	private final EnrollmentLogClient enrollmentLog;

	EnrollmentSearchApiController(EnrollmentLogClient enrollmentLog) {
		this.enrollmentLog = enrollmentLog;
	}

	@GetMapping("/api/v1/enrollments")
	TransactionPage search(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String after, @RequestParam(defaultValue = "50") int size) {
		return Upstream.call("scep-gateway", () -> this.enrollmentLog.search(q, sort, after, size));
	}

}
