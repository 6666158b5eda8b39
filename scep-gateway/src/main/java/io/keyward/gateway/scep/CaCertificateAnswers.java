package io.keyward.gateway.scep;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.keyward.gateway.profile.CaCertificateSet;
import io.keyward.gateway.profile.EnrollmentProfile;
import io.keyward.gateway.ra.RaCredentials;
import io.keyward.gateway.ra.RaKeys;
import io.keyward.scep.CertificatesOnly;
import io.keyward.scep.NextCaCertificates;

import org.springframework.stereotype.Component;

/**
 * The bodies of GetCACert (RFC 8894 section 4.2.1.2) per profile and of GetNextCACert
 * (section 4.7.1). Both are certificates-only SignedData; clients tell the RA
 * certificates from the CA ones by key usage and basic constraints.
 */
@Component
class CaCertificateAnswers {

	private final RaKeys raKeys;

	private final CaCertificateChain caChain;

	CaCertificateAnswers(RaKeys raKeys, CaCertificateChain caChain) {
		this.raKeys = raKeys;
		this.caChain = caChain;
	}

	/**
	 * RA signing, RA encryption, then the issuing CA; on {@code FULL_CHAIN} profiles the
	 * CAs above it, and during a rollover the link certificates and the previous CA.
	 * {@code CA_ONLY}: the issuing CA alone, one DER certificate (section 4.2.1.1).
	 * @param profile the profile asked
	 * @return the body and its content type
	 */
	CaCertificatesBody caCertificates(EnrollmentProfile profile) {
		List<X509Certificate> chain = this.caChain.certificates();
		if (profile.caCertificates() == CaCertificateSet.CA_ONLY) {
			try {
				return new CaCertificatesBody(ScepResponses.CA_CERT, chain.get(0).getEncoded());
			}
			catch (CertificateEncodingException ex) {
				throw new IllegalStateException("the CA certificate cannot be encoded", ex);
			}
		}
		RaCredentials ra = this.raKeys.current();
		List<X509Certificate> certificates = new ArrayList<>();
		certificates.add(ra.signingCertificate());
		certificates.add(ra.encryptionCertificate());
		switch (profile.caCertificates()) {
			case FULL_CHAIN -> {
				certificates.addAll(chain);
				certificates.addAll(this.caChain.links());
				List<X509Certificate> issuers = this.caChain.issuers();
				certificates.addAll(issuers.subList(1, issuers.size()));
			}
			case CA_AND_RA, CA_ONLY -> certificates.add(chain.get(0));
		}
		return new CaCertificatesBody(ScepResponses.CA_RA_CERT, CertificatesOnly.encode(certificates));
	}

	/**
	 * A GetCACert answer.
	 *
	 * @param contentType {@code application/x-x509-ca-cert} or
	 * {@code application/x-x509-ca-ra-cert}
	 * @param body DER
	 */
	record CaCertificatesBody(String contentType, byte[] body) {
	}

	/**
	 * @return the {@code application/x-x509-next-ca-cert} body while a next CA is
	 * prepared, signed by the RA signing key
	 */
	Optional<byte[]> nextCaCertificates() {
		return this.caChain.next().map((next) -> {
			RaCredentials ra = this.raKeys.current();
			return NextCaCertificates.encode(next.certificates(), ra.signingCertificate(), ra.signingKey());
		});
	}

}
