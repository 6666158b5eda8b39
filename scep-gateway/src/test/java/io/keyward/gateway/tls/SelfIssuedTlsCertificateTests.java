package io.keyward.gateway.tls;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.keyward.api.SerialNumbers;
import io.keyward.sealing.KeyEncryptionKey;
import io.keyward.gateway.AbstractGatewayTests;
import io.micrometer.core.instrument.MeterRegistry;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * With no certificate configured, the gateway serves HTTPS with a certificate from the CA
 * for its host names, keeps the key sealed and renews it before it expires.
 */
class SelfIssuedTlsCertificateTests extends AbstractGatewayTests {

	@Autowired
	HttpsPort httpsPort;

	@Autowired
	SelfIssuedTlsCertificate selfIssued;

	@Autowired
	ServedTlsCertificate served;

	@Autowired
	MeterRegistry meters;

	@Autowired
	KeyEncryptionKey keyEncryptionKey;

	private TlsClient client() throws Exception {
		return new TlsClient(upstreams.ca.certificate());
	}

	@Test
	void whenNothingIsConfiguredThenHttpsServesACertificateFromTheCaForLocalhost() throws Exception {
		X509Certificate certificate = client().served("localhost", this.httpsPort.port());

		assertThat(certificate.getIssuerX500Principal())
			.isEqualTo(upstreams.ca.certificate().getSubjectX500Principal());
		assertThat(certificate.getExtendedKeyUsage()).contains(KeyPurposeId.id_kp_serverAuth.getId());
		assertThat(certificate.getSubjectAlternativeNames().stream().map((san) -> String.valueOf(san.get(1))))
			.contains("localhost", "127.0.0.1");
		assertThat(client().served("127.0.0.1", this.httpsPort.port())).isEqualTo(certificate);
		assertThat(upstreams.issuedWithTemplate("tls-server")).isPositive();
	}

	@Test
	void whenTheAdminUiAsksForTheTlsCertificateThenItGetsTheServedOnesSerialAndNotAfter() throws Exception {
		X509Certificate certificate = client().served("localhost", this.httpsPort.port());
		HttpResponse<String> answer = this.http.send(
				HttpRequest.newBuilder(uri("/api/v1/ra/tls")).header("Authorization", "Bearer " + ADMIN_TOKEN).build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body())
			.contains("\"serialNumber\":\"" + SerialNumbers.hex(certificate.getSerialNumber()) + "\"")
			.contains("\"notAfter\":\"" + certificate.getNotAfter().toInstant() + "\"")
			.contains("\"subject\":\"" + certificate.getSubjectX500Principal().getName() + "\"");
	}

	@Test
	void whenADeviceAsksOverHttpsThenScepAnswersAsOverHttp() throws Exception {
		// a 40 KB query: the HTTPS listener takes the same large request line as HTTP
		// (GET PKIOperation carries the whole message)
		String padding = "A".repeat(40_000);
		HttpResponse<byte[]> response = client().get(URI.create("https://localhost:" + this.httpsPort.port()
				+ "/certsrv/mscep/mscep.dll?operation=GetCACaps&x=" + padding));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(new String(response.body(), StandardCharsets.US_ASCII)).contains("POSTPKIOperation");
		assertThat(new String(get("/scep/default?operation=GetCACaps").body(), StandardCharsets.US_ASCII))
			.as("plain HTTP stays on")
			.contains("POSTPKIOperation");
	}

	@Test
	void whenStoredThenThePrivateKeyIsSealed() throws Exception {
		Map<String, Object> row = this.jdbc
			.queryForMap("select certificate, sealed_private_key from gateway.tls_certificate where state = 'CURRENT' "
					+ "and host_names like '%localhost%'");
		X509Certificate certificate = client().served("localhost", this.httpsPort.port());
		byte[] sealed = (byte[]) row.get("sealed_private_key");
		byte[] pkcs8 = this.keyEncryptionKey.open(sealed, "tls:server");
		RSAPrivateCrtKey key = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
			.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));

		assertThat((byte[]) row.get("certificate")).isEqualTo(certificate.getEncoded());
		assertThat(key.getModulus()).isEqualTo(((RSAPublicKey) certificate.getPublicKey()).getModulus());
		assertThat(Collections.indexOfSubList(Bytes.list(sealed), Bytes.list(key.getPrivateExponent().toByteArray())))
			.as("the private exponent is not stored in the clear")
			.isEqualTo(-1);
	}

	@Test
	void whenTheClockNearsNotAfterThenTheCheckRenewsAndNewConnectionsGetTheNewCertificate() throws Exception {
		X509Certificate before = client().served("localhost", this.httpsPort.port());
		assertThat(this.selfIssued.check()).as("nothing due yet").isFalse();

		this.clock.set(before.getNotAfter().toInstant().minus(Duration.ofDays(29)));
		assertThat(this.selfIssued.check()).isTrue();

		X509Certificate after = client().served("localhost", this.httpsPort.port());
		assertThat(after.getSerialNumber()).isNotEqualTo(before.getSerialNumber());
		assertThat(after.getPublicKey()).as("a new key, not a re-signed one").isNotEqualTo(before.getPublicKey());
		List<String> states = this.jdbc.queryForList(
				"select state from gateway.tls_certificate where serial_number in (?, ?) order by created_at",
				String.class, SerialNumbers.key(before.getSerialNumber()), SerialNumbers.key(after.getSerialNumber()));
		assertThat(states).containsExactly("RETIRED", "CURRENT");
		this.clock.reset();
		assertThat(this.selfIssued.check()).as("the new one is not due").isFalse();
	}

	@Test
	void whenTheServedCertificateNearsExpiryThenGaugeWarningAndReadinessSayIt() throws Exception {
		X509Certificate certificate = client().served("localhost", this.httpsPort.port());
		this.clock.set(certificate.getNotAfter().toInstant().minus(Duration.ofDays(10)));

		assertThat(this.meters.get("keyward.certificate.days.left").tag("certificate", "tls").gauge().value())
			.isCloseTo(10.0, within(0.01));
		assertThat(this.served.warn()).isTrue();
		assertThat(this.served.health().getStatus()).isEqualTo(Status.UP);

		this.clock.set(certificate.getNotAfter().toInstant().plusSeconds(60));
		assertThat(this.served.health().getStatus()).isEqualTo(Status.DOWN);
	}

	private static final class Bytes {

		static List<Byte> list(byte[] bytes) {
			List<Byte> list = new java.util.ArrayList<>(bytes.length);
			for (byte b : bytes) {
				list.add(b);
			}
			return list;
		}

	}

}
