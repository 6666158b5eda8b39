package io.keyward.gateway.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import io.keyward.api.ca.CertificateAuthorityClient;
import io.keyward.edge.pem.CertificatePem;
import io.keyward.api.ca.IssueRequest;
import io.keyward.api.ca.IssuedCertificate;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.util.IPAddress;

import org.springframework.stereotype.Component;

/**
 * Gets the gateway a TLS server certificate from the ca-adapter's {@code tls-server}
 * template: a fresh RSA-2048 key (what every SCEP client's TLS stack accepts, down to old
 * routers), the host names as DNS and IP SANs (RFC 6125 section 6.4), the first one as
 * the CN for clients that still look there.
 */
@Component
class TlsCertificateIssuer {

	/** The ca-adapter template: serverAuth, DNS and IP SANs. */
	static final String TEMPLATE = "tls-server";

	/** Recorded with the certificate at the CA; it belongs to no SCEP profile. */
	static final String PROFILE = "gateway-tls";

	private final CertificateAuthorityClient certificateAuthority;

	TlsCertificateIssuer(CertificateAuthorityClient certificateAuthority) {
		this.certificateAuthority = certificateAuthority;
	}

	/**
	 * @throws RuntimeException when the CA cannot be reached or refuses
	 */
	TlsCredential issue(List<String> hostNames) {
		try {
			KeyPair keyPair = keyPair();
			ExtensionsGenerator extensions = new ExtensionsGenerator();
			extensions.addExtension(Extension.subjectAlternativeName, false, subjectAltNames(hostNames));
			byte[] csr = new JcaPKCS10CertificationRequestBuilder(subject(hostNames), keyPair.getPublic())
				.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
				.build(signer(keyPair))
				.getEncoded();
			IssuedCertificate issued = this.certificateAuthority
				.issueRaCertificate(new IssueRequest(Base64.getEncoder().encodeToString(csr), PROFILE, TEMPLATE, null));
			X509Certificate certificate = CertificatePem.parse(issued.certificatePem());
			if (!certificate.getPublicKey().equals(keyPair.getPublic())) {
				throw new IllegalStateException("the CA returned a certificate for another key");
			}
			return new TlsCredential(certificate, keyPair.getPrivate(), hostNames, false);
		}
		catch (GeneralSecurityException | OperatorCreationException | IOException ex) {
			throw new IllegalStateException("cannot build the TLS certificate request", ex);
		}
	}

	/**
	 * A self-signed stand-in that opens the listener before the CA has been asked, and
	 * while it cannot be reached; never stored, replaced as soon as the CA answers.
	 * Clients that trust only the CA refuse it, which is the point: nothing enrolls
	 * against an unverifiable server.
	 */
	static TlsCredential provisional(List<String> hostNames, Clock clock) {
		try {
			KeyPair keyPair = keyPair();
			Instant now = clock.instant();
			X500Name subject = subject(hostNames);
			JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
					new BigInteger(64, new SecureRandom()).setBit(63), Date.from(now.minus(Duration.ofMinutes(5))),
					Date.from(now.plus(Duration.ofDays(1))), subject, keyPair.getPublic());
			builder.addExtension(Extension.subjectAlternativeName, false, subjectAltNames(hostNames));
			X509Certificate certificate = new JcaX509CertificateConverter()
				.getCertificate(builder.build(signer(keyPair)));
			return new TlsCredential(certificate, keyPair.getPrivate(), hostNames, true);
		}
		catch (GeneralSecurityException | OperatorCreationException | IOException ex) {
			throw new IllegalStateException("cannot create the provisional TLS certificate", ex);
		}
	}

	private static KeyPair keyPair() throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		return generator.generateKeyPair();
	}

	private static ContentSigner signer(KeyPair keyPair) throws OperatorCreationException {
		return new JcaContentSignerBuilder("SHA256withRSA").build(keyPair.getPrivate());
	}

	private static X500Name subject(List<String> hostNames) {
		return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, hostNames.getFirst())
			.addRDN(BCStyle.O, "Keyward")
			.build();
	}

	static GeneralNames subjectAltNames(List<String> hostNames) {
		return new GeneralNames(hostNames.stream()
			.map((name) -> IPAddress.isValid(name) ? new GeneralName(GeneralName.iPAddress, name)
					: new GeneralName(GeneralName.dNSName, name))
			.toArray(GeneralName[]::new));
	}

}
