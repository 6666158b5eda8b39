package io.keyward.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SerialNumbersTests {

	@ParameterizedTest
	@CsvSource({ "0FCB04A6, 0FCB04A6", "FCB04A6, 0FCB04A6", "1, 01", "0, 00", "80, 80", "FF00, FF00", "7F, 7F" })
	void whenSerialHasFewerDigitsThanBytesThenLeadingZeroKept(String value, String shown) {
		assertThat(SerialNumbers.hex(new BigInteger(value, 16))).isEqualTo(shown);
	}

	@Test
	void whenSerialTypedWithOrWithoutLeadingZerosThenSameNumber() {
		assertThat(SerialNumbers.parse("0f:cb:04:a6")).contains(new BigInteger("FCB04A6", 16));
		assertThat(SerialNumbers.parse("FCB04A6")).contains(new BigInteger("FCB04A6", 16));
		assertThat(SerialNumbers.parse("not-hex")).isEmpty();
		assertThat(SerialNumbers.hex("fcb04a6")).isEqualTo("0FCB04A6");
		assertThat(SerialNumbers.hex("pending")).isEqualTo("pending");
	}

	@Test
	void whenOpensslPrintsTheSerialThenTheFormatterPrintsTheSame(@TempDir Path dir)
			throws IOException, InterruptedException, CertificateException {
		for (String serial : List.of("0x0FCB04A6C3D2E1F0", "0x00A1", "0x80",
				"0x7F0102030405060708090A0B0C0D0E0F101112")) {
			Path pem = dir.resolve("certificate.pem");
			run(dir, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
					"-keyout", dir.resolve("key.pem").toString(), "-subj", "/CN=serial test", "-days", "1",
					"-set_serial", serial, "-out", pem.toString());
			String printed = run(dir, "openssl", "x509", "-noout", "-serial", "-in", pem.toString()).strip();
			X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem)));

			assertThat("serial=" + SerialNumbers.hex(certificate.getSerialNumber())).isEqualTo(printed);
		}
	}

	private static String run(Path dir, String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor()).as(output).isZero();
		return output;
	}

}
