package io.keyward.admin.web;

import java.time.temporal.Temporal;
import java.util.Arrays;

import io.keyward.edge.problem.ProblemResponses;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

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

	/**
	 * A query parameter that does not convert: the detail names the parameter and what it
	 * takes, never the value as Java prints it (fuzz report: a parameter given twice was
	 * shown as {@code [Ljava.lang.String;@2e0fa10b}, Spring's default detail).
	 */
	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = (ex instanceof MethodArgumentTypeMismatchException mismatch) ? mismatch.getName()
				: ex.getPropertyName();
		String detail = name + " must be " + expected(ex.getRequiredType())
				+ ((ex.getValue() instanceof Object[] values && values.length > 1) ? ", given once" : "");
		return handleExceptionInternal(ex, ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail), headers,
				HttpStatus.BAD_REQUEST, request);
	}

	private static String expected(Class<?> type) {
		if (type == null) {
			return "a valid value";
		}
		if (Temporal.class.isAssignableFrom(type)) {
			return "an ISO-8601 date-time such as 2027-01-31T00:00:00Z";
		}
		if (type.isEnum()) {
			return "one of " + String.join(", ",
					Arrays.stream(type.getEnumConstants()).map((constant) -> ((Enum<?>) constant).name()).toList());
		}
		if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
			return "a whole number";
		}
		if (type == boolean.class || type == Boolean.class) {
			return "true or false";
		}
		return "a valid value";
	}

}
