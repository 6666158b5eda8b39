package io.keyward.admin.enrollment;

import static io.keyward.admin.web.FormValues.blankToNull;

import io.keyward.api.gateway.RefusalPage;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin API over the requests refused before a transaction was recorded (scope
 * {@code refusals:read}), the table the enrollments page and {@code /refusals} show:
 * newest first unless {@code sort} says otherwise, filtered by {@code q}, {@code profile}
 * and {@code failInfo}, a page at a time. Every text field but the time comes from the
 * client as it sent it (capped by the gateway): a consumer must treat it as untrusted
 * text.
 */
@RestController
class RefusalApiController {

	private final Refusals refusals;

	RefusalApiController(Refusals refusals) {
		this.refusals = refusals;
	}

	@GetMapping("/api/v1/refusals")
	RefusalPage refusals(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
			@RequestParam(required = false) String q, @RequestParam(required = false) String profile,
			@RequestParam(required = false) String failInfo, @RequestParam(required = false) String sort) {
		return this.refusals
			.page(page, size, blankToNull(q), blankToNull(profile), blankToNull(failInfo), blankToNull(sort))
			.forApi();
	}

}
