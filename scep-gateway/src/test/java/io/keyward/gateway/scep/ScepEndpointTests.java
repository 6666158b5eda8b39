package io.keyward.gateway.scep;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;

import io.keyward.gateway.AbstractGatewayTests;
import io.keyward.gateway.FakeUpstreams;
import io.keyward.gateway.TestDevice;
import io.keyward.scep.CertificatesOnly;
import io.keyward.scep.FailInfo;
import io.keyward.scep.PkiStatus;
import io.keyward.scep.client.CertRepResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP surface: operations, content types, paths, and the HTTP errors kept for
 * messages no CertRep can be built for.
 */
class ScepEndpointTests extends AbstractGatewayTests {

	@Test
	void whenGetCaCapsThenExactKeywordsAsTextPlainWithoutCharset() throws Exception {
		HttpResponse<byte[]> response = get("/scep/default?operation=GetCACaps&message=default");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().allValues("Content-Type")).containsExactly("text/plain");
		assertThat(new String(response.body(), StandardCharsets.US_ASCII))
			.isEqualTo("POSTPKIOperation\nRenewal\nSHA-256\nSHA-512\nSHA-1\nAES\nDES3\nSCEPStandard\n");
	}

	@Test
	void whenOperationInOtherCaseThenServed() throws Exception {
		HttpResponse<byte[]> response = get("/certsrv/mscep/mscep.dll/pkiclient.exe?operation=getcacaps");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(new String(response.body(), StandardCharsets.US_ASCII)).contains("POSTPKIOperation");
	}

	@Test
	void whenGetCaCertThenDegenerateSignedDataWithRaPairAndCa() throws Exception {
		HttpResponse<byte[]> response = get("/certsrv/mscep/mscep.dll?operation=GetCACert&message=SCEP%20Authority");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().allValues("Content-Type")).containsExactly("application/x-x509-ca-ra-cert");
		List<X509Certificate> certificates = CertificatesOnly.decode(response.body());
		assertThat(certificates).hasSize(3);
		assertThat(certificates.get(0)).isEqualTo(ra().signingCertificate());
		assertThat(certificates.get(1)).isEqualTo(ra().encryptionCertificate());
		assertThat(certificates.get(2)).isEqualTo(upstreams.ca.certificate());
	}

	@Test
	void whenRaCertificatesIssuedThenSigningHasDigitalSignatureAndNoEku() throws Exception {
		X509Certificate signing = ra().signingCertificate();
		assertThat(signing.getKeyUsage()[0]).as("digitalSignature").isTrue();
		assertThat(signing.getKeyUsage()[2]).as("keyEncipherment").isFalse();
		assertThat(signing.getExtendedKeyUsage()).isNull();
		assertThat(signing.getBasicConstraints()).isEqualTo(-1);
		assertThat(signing.getPublicKey().getAlgorithm()).isEqualTo("RSA");
		X509Certificate encryption = ra().encryptionCertificate();
		assertThat(encryption.getKeyUsage()[2]).as("keyEncipherment").isTrue();
		assertThat(encryption.getSubjectX500Principal().getName()).contains("CN=Keyward RA Encryption");
	}

	@Test
	void whenOperationUnknownThenHttp400() throws Exception {
		HttpResponse<byte[]> response = get("/scep/default?operation=GetNothing");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).contains("text/plain");
	}

	@Test
	void whenOperationMissingThenHttp400() throws Exception {
		assertThat(get("/scep/default").statusCode()).isEqualTo(400);
	}

	@Test
	void whenProfileUnknownThenHttp404() throws Exception {
		HttpResponse<byte[]> response = get("/scep/nosuchprofile?operation=GetCACaps");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).contains("text/plain");
	}

	@Test
	void whenGetMessageIsNotBase64ThenHttp400() throws Exception {
		HttpResponse<byte[]> response = get("/scep/default?operation=PKIOperation&message=%25%25%25notbase64!!");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(new String(response.body(), StandardCharsets.US_ASCII)).doesNotContain("Exception");
	}

	@Test
	void whenPostBodyIsGarbageThenHttp400AndNothingRecorded() throws Exception {
		Integer before = this.jdbc.queryForObject("select count(*) from gateway.transaction", Integer.class);
		HttpResponse<byte[]> response = post("/scep/default/pkiclient.exe?operation=PKIOperation",
				"this is not CMS".getBytes(StandardCharsets.US_ASCII));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).contains("text/plain");
		String body = new String(response.body(), StandardCharsets.US_ASCII);
		assertThat(body).startsWith("malformed SCEP message").doesNotContain("\tat ");
		assertThat(this.jdbc.queryForObject("select count(*) from gateway.transaction", Integer.class))
			.isEqualTo(before);
	}

	@Test
	void whenPostBodyTooLargeThenHttp413() throws Exception {
		HttpResponse<byte[]> response = post("/scep/default?operation=PKIOperation", new byte[3 * 1024 * 1024]);
		assertThat(response.statusCode()).isEqualTo(413);
	}

	@Test
	void whenGetPkiOperationUrlIsOver64KibThenEnrolled() throws Exception {
		TestDevice device = new TestDevice("big-get");
		String transactionId = TestDevice.newTransactionId();
		byte[] message = device.pkcsReq(device.csr(FakeUpstreams.GOOD_CHALLENGE, 46_000), ra().encryptionCertificate(),
				transactionId);
		String query = "?operation=PKIOperation&message="
				+ java.net.URLEncoder.encode(base64(message), StandardCharsets.US_ASCII);
		String path = "/certsrv/mscep/mscep.dll" + query;
		assertThat(path.length()).isGreaterThanOrEqualTo(64 * 1024);
		HttpResponse<byte[]> response = get(path);
		assertThat(response.statusCode()).isEqualTo(200);
		CertRepResponse certRep = device.read(response.body(), ra().signingCertificate());
		assertThat(certRep.status()).isEqualTo(PkiStatus.SUCCESS);
	}

	@Test
	void whenGetMessageHasRawPlusThenEnrolled() throws Exception {
		// macOS sends the base64 unescaped: '+' arrives raw and a container turns it into
		// a space
		TestDevice device = new TestDevice("raw-plus");
		byte[] message = null;
		String encoded = "";
		for (int attempt = 0; attempt < 20 && !encoded.contains("+"); attempt++) {
			message = device.pkcsReq(device.csr(FakeUpstreams.GOOD_CHALLENGE), ra().encryptionCertificate(),
					TestDevice.newTransactionId());
			encoded = base64(message);
		}
		assertThat(encoded).contains("+");
		HttpResponse<byte[]> response = get("/scep/default?operation=PKIOperation&message=" + encoded);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(device.read(response.body(), ra().signingCertificate()).status()).isEqualTo(PkiStatus.SUCCESS);
	}

	@Test
	void whenGetMessageHasPlusDecodedToSpaceThenEnrolled() throws Exception {
		TestDevice device = new TestDevice("space-plus");
		byte[] message = null;
		String encoded = "";
		for (int attempt = 0; attempt < 20 && !encoded.contains("+"); attempt++) {
			message = device.pkcsReq(device.csr(FakeUpstreams.GOOD_CHALLENGE), ra().encryptionCertificate(),
					TestDevice.newTransactionId());
			encoded = base64(message);
		}
		String spaced = encoded.replace("+", "%20").replace("/", "%2F").replace("=", "%3D");
		HttpResponse<byte[]> response = get("/scep/default?operation=PKIOperation&message=" + spaced);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(device.read(response.body(), ra().signingCertificate()).status()).isEqualTo(PkiStatus.SUCCESS);
	}

	@Test
	void whenSignatureTamperedThenFailureBadMessageCheck() throws Exception {
		TestDevice device = new TestDevice("tampered");
		String transactionId = TestDevice.newTransactionId();
		byte[] message = device.pkcsReq(device.csr(FakeUpstreams.GOOD_CHALLENGE), ra().encryptionCertificate(),
				transactionId);
		// the SignerInfo signature is the last field of the DER: flip its last byte
		message[message.length - 1] ^= 0x01;
		CertRepResponse certRep = device.read(pkiOperation("/scep/default", message), ra().signingCertificate());
		assertThat(certRep.status()).isEqualTo(PkiStatus.FAILURE);
		assertThat(certRep.failInfo()).isEqualTo(FailInfo.BAD_MESSAGE_CHECK);
		assertThat(certRep.transactionId()).isEqualTo(transactionId);
		assertThat(rowsFor(transactionId)).isZero();
	}

}
