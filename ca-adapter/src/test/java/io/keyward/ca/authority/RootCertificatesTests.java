package io.keyward.ca.authority;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Arrays;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Root CA creation for every supported key algorithm (key generation and signing only, no
 * application context: RSA-4096 generation is slow enough on its own).
 */
class RootCertificatesTests {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	@ParameterizedTest
	@EnumSource(CaKeyAlgorithm.class)
	void whenCreatingARootThenItIsASelfSignedCaOfTheRequestedKind(CaKeyAlgorithm algorithm) throws Exception {
		X500Name subject = X500Name.getInstance(new X500Principal("CN=Test Root,O=Keyward").getEncoded());

		RootCertificates.RootCa root = RootCertificates.create(algorithm, subject, Period.ofYears(10),
				Clock.fixed(NOW, ZoneOffset.UTC), new SerialNumbers(new SecureRandom()));

		X509Certificate certificate = root.certificate();
		certificate.verify(certificate.getPublicKey());
		assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=Test Root,O=Keyward");
		assertThat(certificate.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
		// RFC 8894 section 2.1.2: digitalSignature (and keyEncipherment for an RSA key)
		// besides
		// keyCertSign and cRLSign, so that a SCEP client may use the CA certificate
		// directly
		boolean rsa = algorithm.keyType().equals("RSA");
		assertThat(certificate.getKeyUsage()).containsExactly(true, false, rsa, false, false, true, true, false, false);
		assertThat(certificate.getCriticalExtensionOIDs()).containsExactlyInAnyOrder(Extension.basicConstraints.getId(),
				Extension.keyUsage.getId());
		assertThat(certificate.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofMinutes(5)));
		assertThat(certificate.getNotAfter().toInstant()).isEqualTo(Instant.parse("2036-01-01T00:00:00Z"));
		byte[] ski = SubjectKeyIdentifier
			.getInstance(
					ASN1OctetString.getInstance(certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId()))
						.getOctets())
			.getKeyIdentifier();
		byte[] aki = AuthorityKeyIdentifier
			.getInstance(
					ASN1OctetString.getInstance(certificate.getExtensionValue(Extension.authorityKeyIdentifier.getId()))
						.getOctets())
			.getKeyIdentifierObject()
			.getOctets();
		assertThat(Arrays.equals(ski, aki)).isTrue();
		switch (algorithm) {
			case RSA_2048 ->
				assertThat(((RSAPublicKey) certificate.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
			case RSA_3072 ->
				assertThat(((RSAPublicKey) certificate.getPublicKey()).getModulus().bitLength()).isEqualTo(3072);
			case RSA_4096 ->
				assertThat(((RSAPublicKey) certificate.getPublicKey()).getModulus().bitLength()).isEqualTo(4096);
			case EC_P256 -> assertThat(((ECPublicKey) certificate.getPublicKey()).getParams().getOrder().bitLength())
				.isEqualTo(256);
			case EC_P384 -> assertThat(((ECPublicKey) certificate.getPublicKey()).getParams().getOrder().bitLength())
				.isEqualTo(384);
		}
		assertThat(certificate.getSigAlgName()).isEqualToIgnoringCase(algorithm.signatureAlgorithm());
	}

}
