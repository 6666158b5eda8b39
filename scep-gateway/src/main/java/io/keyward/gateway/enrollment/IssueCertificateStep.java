package io.keyward.gateway.enrollment;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import io.keyward.api.ca.CertificateAuthorityClient;
import io.keyward.api.ca.IssueRequest;
import io.keyward.api.ca.IssuedCertificate;
import io.keyward.gateway.upstream.UpstreamFailure;
import io.keyward.scep.CertRep;
import io.keyward.scep.FailInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

/**
 * Asks the ca-adapter to issue (ARCHITECTURE step 4) and answers SUCCESS with the issued
 * certificate first in the degenerate certs-only SignedData (RFC 8894 section 3.3.2.1).
 */
@Component
@Order(5)
class IssueCertificateStep implements EnrollmentStep {

	private static final Logger log = LoggerFactory.getLogger(IssueCertificateStep.class);

	private final CertificateAuthorityClient certificateAuthority;

	IssueCertificateStep(CertificateAuthorityClient certificateAuthority) {
		this.certificateAuthority = certificateAuthority;
	}

	@Override
	public Optional<CertRep> process(Enrollment enrollment) {
		IssuedCertificate issued;
		try {
			issued = this.certificateAuthority
				.issue(new IssueRequest(Base64.getEncoder().encodeToString(enrollment.csr().encoded()),
						enrollment.profile().name(), enrollment.template(), enrollment.request().transactionId()));
		}
		catch (RestClientException ex) {
			UpstreamFailure failure = UpstreamFailure.of(ex);
			if (failure.refused()) {
				return Optional.of(enrollment.refuse(FailInfo.BAD_REQUEST, failure.detail()));
			}
			log.warn("event=ca_unreachable detail=\"{}\"", failure.detail());
			return Optional.of(enrollment.retryLater("ca-adapter unavailable: " + failure.detail()));
		}
		X509Certificate certificate = parse(issued.certificatePem());
		try {
			enrollment.issued(issued.serialNumber(), certificate.getEncoded());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("issued certificate cannot be encoded", ex);
		}
		return Optional.of(CertRep.success(enrollment.request(), List.of(certificate)));
	}

	private static X509Certificate parse(String pem) {
		try {
			return (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			throw new IllegalStateException("the ca-adapter returned an unreadable certificate", ex);
		}
	}

}
