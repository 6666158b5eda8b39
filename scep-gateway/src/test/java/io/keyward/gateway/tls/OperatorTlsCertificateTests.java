package io.keyward.gateway.tls;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import io.keyward.gateway.AbstractGatewayTests;
import io.keyward.gateway.TestCertificateAuthority;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator-supplied PEM certificate and key (a Spring Boot SSL bundle with
 * {@code reload-on-update}) are served instead of a self-issued one, and a replaced file
 * is served on the next new connection without a restart.
 */
@TestPropertySource(properties = { "keyward.gateway.tls.bundle=operator",
		"spring.ssl.bundle.pem.operator.keystore.certificate=file:" + OperatorTlsCertificateTests.CERTIFICATE,
		"spring.ssl.bundle.pem.operator.keystore.private-key=file:" + OperatorTlsCertificateTests.PRIVATE_KEY,
		"spring.ssl.bundle.pem.operator.reload-on-update=true", "spring.ssl.bundle.watch.file.quiet-period=200ms" })
class OperatorTlsCertificateTests extends AbstractGatewayTests {

	static final String CERTIFICATE = "target/operator-tls/tls.crt";

	static final String PRIVATE_KEY = "target/operator-tls/tls.key";

	private static final X509Certificate FIRST = install("first.example");

	@Autowired
	HttpsPort httpsPort;

	@Autowired
	SelfIssuedTlsCertificate selfIssued;

	@Test
	void whenTheOperatorSuppliesACertificateThenItIsServedAndReplacingTheFileIsPickedUp() throws Exception {
		TlsClient client = new TlsClient(upstreams.ca.certificate());
		assertThat(client.served("localhost", this.httpsPort.port())).isEqualTo(FIRST);
		assertThat(this.selfIssued.check()).as("nothing is self-issued").isFalse();

		X509Certificate second = install("second.example");
		Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
		X509Certificate served = client.served("localhost", this.httpsPort.port());
		while (!served.equals(second) && Instant.now().isBefore(deadline)) {
			Thread.sleep(200);
			served = client.served("localhost", this.httpsPort.port());
		}
		assertThat(served).isEqualTo(second);
	}

	/** Write a certificate for localhost (and a marker name) and its key, as PEM. */
	private static X509Certificate install(String marker) {
		try {
			KeyPair keyPair = TestCertificateAuthority.rsa();
			ExtensionsGenerator extensions = new ExtensionsGenerator();
			extensions.addExtension(Extension.subjectAlternativeName, false,
					TlsCertificateIssuer.subjectAltNames(List.of(marker, "localhost", "127.0.0.1")));
			X509Certificate certificate = upstreams.ca.issue(
					new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + marker), keyPair.getPublic())
						.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
						.build(new JcaContentSignerBuilder("SHA256withRSA").build(keyPair.getPrivate())),
					TlsCertificateIssuer.TEMPLATE);
			write(Path.of(PRIVATE_KEY), pem("PRIVATE KEY", keyPair.getPrivate().getEncoded()));
			write(Path.of(CERTIFICATE), TestCertificateAuthority.pem(certificate));
			return certificate;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type
				+ "-----\n";
	}

	/** As an operator's tooling does: write beside the file, then move over it. */
	private static void write(Path file, String content) throws Exception {
		Files.createDirectories(file.getParent());
		Path temporary = file.resolveSibling(file.getFileName() + ".new");
		Files.writeString(temporary, content, StandardCharsets.US_ASCII);
		Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

}
