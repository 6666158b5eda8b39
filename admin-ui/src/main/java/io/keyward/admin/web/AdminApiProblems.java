package io.keyward.admin.web;

import io.keyward.edge.problem.ProblemResponses;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * RFC 9457 problems for the admin API's controllers (not for the dashboard's pages, which
 * show an error page or a banner).
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdminApiProblems extends ProblemResponses {

	@ExceptionHandler(ApiProblem.class)
	ResponseEntity<ProblemDetail> refused(ApiProblem ex) {
		return problem(ex.status(), ex.getMessage());
	}

}
