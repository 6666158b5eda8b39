package io.keyward.admin.web;

import org.springframework.http.HttpStatus;

/**
 * A refusal written for the caller: its status and its detail reach the admin API's
 * caller as an RFC 9457 problem, and the dashboard's admin as a banner.
 */
public class ApiProblem extends RuntimeException {

	private final HttpStatus status;

	public ApiProblem(HttpStatus status, String detail) {
		super(detail, null, false, false);
		this.status = status;
	}

	public HttpStatus status() {
		return this.status;
	}

}
