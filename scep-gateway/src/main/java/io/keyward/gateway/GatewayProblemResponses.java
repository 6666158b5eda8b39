package io.keyward.gateway;

import io.keyward.edge.problem.ProblemResponses;
import io.keyward.gateway.approval.NotWaitingForApproval;
import io.keyward.gateway.approval.TransactionNotFound;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * RFC 9457 problem documents for the REST API and for Spring MVC's own errors.
 */
@RestControllerAdvice
class GatewayProblemResponses extends ProblemResponses {

	@ExceptionHandler(TransactionNotFound.class)
	ResponseEntity<ProblemDetail> notFound(TransactionNotFound ex) {
		return problem(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler(NotWaitingForApproval.class)
	ResponseEntity<ProblemDetail> conflict(NotWaitingForApproval ex) {
		return problem(HttpStatus.CONFLICT, ex.getMessage());
	}

}
