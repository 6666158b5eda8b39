package io.keyward.admin.enrollment;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin API's one call that follows an enrollment (issue 14): scope
 * {@code enrollments:read}; 400 for an id that is not a UUID, 404 (RFC 9457) when no
 * service knows it.
 */
@RestController
class EnrollmentApiController {

	private final EnrollmentHistories histories;

	EnrollmentApiController(EnrollmentHistories histories) {
		this.histories = histories;
	}

	@GetMapping("/api/v1/enrollments/{correlationId}")
	EnrollmentHistory enrollment(@PathVariable String correlationId) {
		return this.histories.find(correlationId);
	}

}
