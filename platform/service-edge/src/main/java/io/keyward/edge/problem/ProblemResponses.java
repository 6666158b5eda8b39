package io.keyward.edge.problem;

import java.security.SecureRandom;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.HexFormat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Base of each service's {@code @RestControllerAdvice}: Spring MVC's own errors (bad
 * JSON, wrong method, missing parameter) become RFC 9457 problem documents with their 4xx
 * status; an {@link InvalidRequest} a 400 with its caller-facing message; anything else
 * is an internal error: a 500 whose only detail is a correlation id, logged here once
 * with the stack trace under that id. An internal exception's message (an
 * {@link IllegalArgumentException} from a library, a SQL error) never reaches the caller.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9457">RFC 9457</a>
 */
public abstract class ProblemResponses extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

	private static final SecureRandom RANDOM = new SecureRandom();

	@ExceptionHandler(InvalidRequest.class)
	ResponseEntity<ProblemDetail> invalid(InvalidRequest ex) {
		return problem(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex) {
		String correlationId = correlationId();
		log.error("event=unexpected_error correlation_id={}", correlationId, ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"An internal error occurred; it has been logged under correlation id " + correlationId + ".");
		problem.setProperty("correlationId", correlationId);
		return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(problem);
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

	/**
	 * A JSON body with a string that cannot be stored ({@link StorableTextModule}): 400
	 * naming the field, not echoing the text. Any other unreadable body keeps Spring's
	 * "Failed to read request".
	 */
	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof StorableTextModule.UnstorableJsonText unstorable) {
				String field = unstorable.field();
				String detail = (field.isEmpty() ? "The JSON body" : "JSON field '" + field + "'") + " "
						+ StorableText.WHY + ".";
				return handleExceptionInternal(ex, ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail),
						headers, HttpStatus.BAD_REQUEST, request);
			}
		}
		return super.handleHttpMessageNotReadable(ex, headers, status, request);
	}

	protected static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
		return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
	}

	/**
	 * 64 random bits in hex: enough to find one log line, nothing about the server.
	 */
	static String correlationId() {
		byte[] bytes = new byte[8];
		RANDOM.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

}
