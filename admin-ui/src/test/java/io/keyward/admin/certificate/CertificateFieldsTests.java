package io.keyward.admin.certificate;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CertificateFieldsTests {

	@ParameterizedTest
	@CsvSource({ "0FCB04A6, 0FCB04A6", "80AB, 80AB", "5E1F00A7C3, 5E1F00A7C3" })
	void whenSerialDecodedThenItReadsAsOpensslPrintsIt(String serial, String shown) throws Exception {
		assertThat(CertificateFields.decode(pem(new BigInteger(serial, 16))).serial()).isEqualTo(shown);
	}

	private static String pem(BigInteger serial) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(256);
		KeyPair keys = generator.generateKeyPair();
		X500Name name = new X500Name("CN=serial-test");
		byte[] der = new JcaX509v3CertificateBuilder(name, serial, Date.from(Instant.parse("2026-01-01T00:00:00Z")),
				Date.from(Instant.parse("2027-01-01T00:00:00Z")), name, keys.getPublic())
			.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()))
			.getEncoded();
		return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(der)
				+ "\n-----END CERTIFICATE-----\n";
	}

}
