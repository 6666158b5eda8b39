package io.keyward.ca.issuance;

import io.keyward.edge.problem.ProblemResponses;
import io.keyward.ca.revocation.CertificateAlreadyRevoked;
import io.keyward.ca.template.CertificateRequestRefused;

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

	@ExceptionHandler(CertificateRequestRefused.class)
	ResponseEntity<ProblemDetail> refused(CertificateRequestRefused ex) {
		return problem(HttpStatus.BAD_REQUEST, ex.getMessage());
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
