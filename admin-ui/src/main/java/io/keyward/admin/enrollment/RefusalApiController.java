package io.keyward.admin.enrollment;

import io.keyward.api.gateway.RefusalPage;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin API over the requests refused before a transaction was recorded (scope
 * {@code refusals:read}), the table the enrollments page shows: newest first, a page at a
 * time. Every text field but the time comes from the client as it sent it (capped by the
 * gateway): a consumer must treat it as untrusted text.
 */
@RestController
class RefusalApiController {

	private final Refusals refusals;

	RefusalApiController(Refusals refusals) {
		this.refusals = refusals;
	}

	@GetMapping("/api/v1/refusals")
	RefusalPage refusals(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		return this.refusals.page(page, size).forApi();
	}

}
