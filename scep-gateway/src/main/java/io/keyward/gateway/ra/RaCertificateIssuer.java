package io.keyward.gateway.ra;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.Base64;

import javax.security.auth.x500.X500Principal;

import io.keyward.edge.pem.CertificatePem;
import io.keyward.api.ca.CertificateAuthorityClient;
import io.keyward.api.ca.IssueRequest;
import io.keyward.api.ca.IssuedCertificate;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import org.springframework.stereotype.Component;

/**
 * Gets a fresh RA key pair certified: generates an RSA-2048 key, builds a PKCS#10 request
 * and asks the ca-adapter to issue it under the purpose's template, as an NDES
 * installation enrolls its RA certificates from its CA.
 */
@Component
class RaCertificateIssuer {

	/**
	 * Recorded with the certificate at the CA; RA certificates belong to no SCEP profile.
	 */
	static final String RA_PROFILE = "ra";

	private final CertificateAuthorityClient certificateAuthority;

	RaCertificateIssuer(CertificateAuthorityClient certificateAuthority) {
		this.certificateAuthority = certificateAuthority;
	}

	IssuedKeyPair issue(RaKeyPurpose purpose) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair keyPair = generator.generateKeyPair();
			PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(
					new X500Principal(purpose.subject()), keyPair.getPublic())
				.build(new JcaContentSignerBuilder("SHA256withRSA").build(keyPair.getPrivate()));
			IssuedCertificate issued = this.certificateAuthority.issueRaCertificate(new IssueRequest(
					Base64.getEncoder().encodeToString(csr.getEncoded()), RA_PROFILE, purpose.template(), null));
			X509Certificate certificate = CertificatePem.parse(issued.certificatePem());
			if (!certificate.getPublicKey().equals(keyPair.getPublic())) {
				throw new IllegalStateException("the CA returned a certificate for another key");
			}
			return new IssuedKeyPair(certificate, keyPair);
		}
		catch (GeneralSecurityException | OperatorCreationException | IOException ex) {
			throw new IllegalStateException("cannot build the RA certificate request", ex);
		}
	}

	record IssuedKeyPair(X509Certificate certificate, KeyPair keyPair) {
	}

}
