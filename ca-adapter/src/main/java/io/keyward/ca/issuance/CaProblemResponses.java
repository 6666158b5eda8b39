package io.keyward.ca.issuance;

import io.keyward.edge.problem.ProblemResponses;
import io.keyward.ca.authority.CaCertificateExpired;
import io.keyward.ca.revocation.CertificateAlreadyRevoked;
import io.keyward.ca.template.CertificateRequestRefused;
import io.keyward.ca.template.UnacceptedKey;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * RFC 9457 answers for the ca-adapter's own errors; Spring MVC's and unexpected ones are
 * handled by {@link ProblemResponses}.
 */
@RestControllerAdvice
class CaProblemResponses extends ProblemResponses {

	/**
	 * A refusal carries the RFC 8894 failInfo the gateway answers the device with:
	 * {@code badAlg} for the key or signature algorithm, {@code badRequest} otherwise.
	 */
	@ExceptionHandler(CertificateRequestRefused.class)
	ResponseEntity<ProblemDetail> refused(CertificateRequestRefused ex) {
		ResponseEntity<ProblemDetail> answer = problem(HttpStatus.BAD_REQUEST, ex.getMessage());
		if (answer.getBody() != null) {
			answer.getBody().setProperty("failInfo", (ex instanceof UnacceptedKey) ? "badAlg" : "badRequest");
		}
		return answer;
	}

	@ExceptionHandler(CaCertificateExpired.class)
	ResponseEntity<ProblemDetail> caExpired(CaCertificateExpired ex) {
		return problem(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
	}

	@ExceptionHandler(TemplateNotGranted.class)
	ResponseEntity<ProblemDetail> notGranted(TemplateNotGranted ex) {
		return problem(HttpStatus.FORBIDDEN, ex.getMessage());
	}

	@ExceptionHandler(CertificateNotFound.class)
	ResponseEntity<ProblemDetail> notFound(CertificateNotFound ex) {
		return problem(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler(CertificateAlreadyRevoked.class)
	ResponseEntity<ProblemDetail> alreadyRevoked(CertificateAlreadyRevoked ex) {
		return problem(HttpStatus.CONFLICT, ex.getMessage());
	}

}
