package io.keyward.admin.enrollment;

import io.keyward.admin.AdminProperties;
import io.keyward.admin.web.ApiProblem;
import io.keyward.admin.web.ServiceQuery;
import io.keyward.api.gateway.EnrollmentLogClient;
import io.keyward.api.gateway.RefusalPage;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Requests the gateway refused before it recorded a transaction (no challenge password, a
 * message that does not parse, an unknown profile...), newest first, as the gateway keeps
 * them (bounded, purged; gateway scope {@code refusals:read}): for the enrollments page
 * and the admin API.
 */
@Component
class Refusals {

	/** The largest page the admin API answers. */
	static final int MAX_SIZE = 500;

	private final EnrollmentLogClient enrollmentLog;

	private final AdminProperties properties;

	Refusals(EnrollmentLogClient enrollmentLog, AdminProperties properties) {
		this.enrollmentLog = enrollmentLog;
		this.properties = properties;
	}

	/**
	 * @param page from 0
	 * @param size 1 to {@value #MAX_SIZE}
	 * @throws ApiProblem 400 for a page below 0 or a size out of range
	 */
	ServiceQuery<RefusalPage> page(int page, int size) {
		return page(page, size, null, null, null, null);
	}

	/**
	 * As {@link #page(int, int)}, filtered and sorted by the gateway in SQL.
	 * @param q text in the reason, transactionID, message type or profile; null for any
	 * @param profile this profile exactly; null for any
	 * @param failInfo this failInfo name exactly; null for any
	 * @param sort {@code time}, {@code failInfo} or {@code profile} with {@code :asc} or
	 * {@code :desc} (the gateway refuses others with 400); null for newest first
	 */
	ServiceQuery<RefusalPage> page(int page, int size, String q, String profile, String failInfo, String sort) {
		if (page < 0) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "page must be 0 or more");
		}
		if (size < 1 || size > MAX_SIZE) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "size must be between 1 and " + MAX_SIZE);
		}
		return new ServiceQuery<>("scep-gateway", this.properties.gatewayUrl(), this.properties.hasServiceToken(),
				() -> this.enrollmentLog.refusals(page, size, q, profile, failInfo, sort));
	}

}
