package io.keyward.gateway.enrollment;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import io.keyward.api.SerialNumbers;
import io.keyward.api.ca.AuthorityCertificate;
import io.keyward.api.ca.CertificateAuthorityClient;
import io.keyward.edge.pem.CertificatePem;
import io.keyward.api.ca.IssuedCertificate;
import io.keyward.scep.CertRep;
import io.keyward.scep.FailInfo;
import io.keyward.scep.MessageType;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.x500.X500Name;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;

/**
 * GetCert and GetCRL (RFC 8894 section 3.3.4): the messageData is an
 * IssuerAndSerialNumber; the answer a SUCCESS whose degenerate SignedData holds the
 * certificate with that serial, or the CRL of the CA that issued it, both read from the
 * ca-adapter's store. An issuer that is not our CA or a serial we never issued is
 * answered badCertId. Neither message touches a transaction: they change nothing, so a
 * retry simply asks again. Runs after {@link RequestCheckStep}, beside
 * {@link CertPollStep} (they answer different message types).
 */
@Component
@Order(2)
class CertificateAccessStep implements EnrollmentStep {

	private final CertificateAuthorityClient certificateAuthority;

	CertificateAccessStep(CertificateAuthorityClient certificateAuthority) {
		this.certificateAuthority = certificateAuthority;
	}

	@Override
	public Optional<CertRep> process(Enrollment enrollment) {
		MessageType type = enrollment.request().messageType().orElse(null);
		if (type != MessageType.GET_CERT && type != MessageType.GET_CRL) {
			return Optional.empty();
		}
		IssuerAndSerialNumber wanted;
		try {
			wanted = IssuerAndSerialNumber.getInstance(enrollment.request().messageData());
		}
		catch (RuntimeException ex) {
			return Optional.of(enrollment.refuse(FailInfo.BAD_REQUEST, "messageData is not an IssuerAndSerialNumber"));
		}
		Optional<AuthorityCertificate> authority = authorityOf(wanted.getName());
		if (authority.isEmpty()) {
			return Optional.of(enrollment.refuse(FailInfo.BAD_CERT_ID, "issuer is not this CA"));
		}
		String serial = SerialNumbers.key(wanted.getSerialNumber().getValue());
		Optional<IssuedCertificate> certificate = certificate(serial);
		if (certificate.isEmpty()) {
			return Optional.of(enrollment.refuse(FailInfo.BAD_CERT_ID, "no certificate with this serial number"));
		}
		X509Certificate parsed = CertificatePem.parse(certificate.get().certificatePem());
		if (type == MessageType.GET_CERT) {
			return Optional.of(CertRep.success(enrollment.request(), List.of(parsed)));
		}
		// after a CA rollover every generation carries the same issuer name: the
		// certificate's own CRL distribution point names the generation that issued it
		String caName = CrlDistributionPoint.caName(parsed).orElse(authority.get().name());
		X509CRL crl = crl(this.certificateAuthority.crl(caName));
		return Optional.of(CertRep.crl(enrollment.request(), crl));
	}

	private Optional<AuthorityCertificate> authorityOf(X500Name issuer) {
		return this.certificateAuthority.authorities()
			.stream()
			.filter((candidate) -> AuthorityCertificate.CA.equals(candidate.role()))
			.filter((candidate) -> issuer.equals(subjectOf(candidate)))
			.findFirst();
	}

	private Optional<IssuedCertificate> certificate(String serial) {
		try {
			return Optional.of(this.certificateAuthority.certificate(serial));
		}
		catch (HttpClientErrorException ex) {
			if (ex.getStatusCode() == HttpStatus.NOT_FOUND) {
				return Optional.empty();
			}
			throw ex;
		}
	}

	private static X500Name subjectOf(AuthorityCertificate authority) {
		X509Certificate certificate = CertificatePem.parse(authority.certificatePem());
		return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
	}

	private static X509CRL crl(byte[] der) {
		try {
			return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("the ca-adapter answered an unreadable CRL", ex);
		}
	}

}
