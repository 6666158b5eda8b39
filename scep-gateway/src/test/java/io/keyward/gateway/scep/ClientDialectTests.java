package io.keyward.gateway.scep;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;

import io.keyward.gateway.AbstractGatewayTests;
import io.keyward.gateway.FakeUpstreams;
import io.keyward.gateway.TestDevice;
import io.keyward.scep.CaCapability;
import io.keyward.scep.CertificatesOnly;
import io.keyward.scep.PkiMessage;
import io.keyward.scep.PkiStatus;
import io.keyward.scep.ScepAlgorithms;
import io.keyward.scep.client.CertRepResponse;
import io.keyward.scep.client.GetDialect;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSSignedData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documented client dialects, spoken by our own client-side codec against the gateway
 * over HTTP, one test each (docs/protocol.md, client compatibility).
 */
class ClientDialectTests extends AbstractGatewayTests {

	@Test
	void whenAppleSendsGetWithUnescapedPlusThenEnrolled() throws Exception {
		TestDevice device = new TestDevice("iphone");
		byte[] message = null;
		for (int i = 0; i < 20 && (message == null || !GetDialect.APPLE.query(message).contains("+")); i++) {
			message = pkcsReq(device, CMSAlgorithm.AES128_CBC, "SHA-256");
		}
		assertThat(GetDialect.APPLE.query(message)).contains("+");
		assertThat(getPkiOperation(device, "/scep/default?" + GetDialect.APPLE.query(message)).status())
			.isEqualTo(PkiStatus.SUCCESS);
	}

	@Test
	void whenWindowsUsesTheNdesPathWithMessageDefaultThenServed() throws Exception {
		String path = "/certsrv/mscep/mscep.dll/pkiclient.exe";
		String caps = new String(get(path + "?operation=GetCACaps&message=default").body(), StandardCharsets.US_ASCII);
		assertThat(CaCapability.parse(caps)).contains(CaCapability.POST_PKI_OPERATION);
		List<X509Certificate> certificates = CertificatesOnly
			.decode(get(path + "?operation=GetCACert&message=default").body());
		assertThat(certificates).contains(ra().signingCertificate(), ra().encryptionCertificate());
		TestDevice device = new TestDevice("windows");
		assertThat(device
			.read(pkiOperation(path, pkcsReq(device, CMSAlgorithm.AES256_CBC, "SHA-256")), ra().signingCertificate())
			.status()).isEqualTo(PkiStatus.SUCCESS);
	}

	@Test
	void whenJscepAsksWithMessageCaThenServed() throws Exception {
		HttpResponse<byte[]> caps = get("/scep/default/pkiclient.exe?operation=GetCACaps&message=ca");
		assertThat(caps.statusCode()).isEqualTo(200);
		HttpResponse<byte[]> caCert = get("/scep/default/pkiclient.exe?operation=GetCACert&message=ca");
		assertThat(caCert.headers().firstValue("Content-Type")).contains("application/x-x509-ca-ra-cert");
		assertThat(CertificatesOnly.decode(caCert.body())).contains(upstreams.ca.certificate());
	}

	@Test
	void whenCiscoSendsGetWithLineBreaksTripleDesAndSha1ThenEnrolledAndAnsweredInKind() throws Exception {
		// IOS uses GET even where POSTPKIOperation is advertised
		assertThat(CaCapability
			.parse(new String(get("/scep/default?operation=GetCACaps").body(), StandardCharsets.US_ASCII)))
			.contains(CaCapability.POST_PKI_OPERATION);
		TestDevice device = new TestDevice("router");
		byte[] message = pkcsReq(device, CMSAlgorithm.DES_EDE3_CBC, "SHA-1");
		String query = GetDialect.CISCO.query(message);
		assertThat(query).contains("%0A");
		HttpResponse<byte[]> response = get("/scep/default?" + query);
		assertThat(device.read(response.body(), ra().signingCertificate()).status()).isEqualTo(PkiStatus.SUCCESS);
		assertThat(replyCipher(response.body())).isEqualTo(CMSAlgorithm.DES_EDE3_CBC);
		assertThat(new CMSSignedData(response.body()).getSignerInfos().getSigners().iterator().next().getDigestAlgOID())
			.isEqualTo(OIWObjectIdentifiers.idSHA1.getId());
	}

	@Test
	void whenClientRefusesDesThenTheReplyIsNeverDes() throws Exception {
		// OpenSSL 3 without the legacy provider cannot decrypt DES or DES-EDE3: an AES
		// request gets an AES reply, and even a single-DES request never gets single DES
		TestDevice device = new TestDevice("openssl3");
		byte[] aesReply = pkiOperation("/scep/default", pkcsReq(device, CMSAlgorithm.AES256_CBC, "SHA-256"));
		assertThat(replyCipher(aesReply)).isEqualTo(CMSAlgorithm.AES256_CBC);
		TestDevice legacy = new TestDevice("single-des");
		byte[] desReply = pkiOperation("/scep/default", pkcsReq(legacy, ScepAlgorithms.SINGLE_DES, "SHA-256"));
		assertThat(legacy.read(desReply, ra().signingCertificate()).status()).isEqualTo(PkiStatus.SUCCESS);
		assertThat(replyCipher(desReply)).isNotEqualTo(ScepAlgorithms.SINGLE_DES);
	}

	@Test
	void whenGetIsOver64KibThenEnrolled() throws Exception {
		TestDevice device = new TestDevice("big");
		byte[] message = device.pkcsReq(device.csr(FakeUpstreams.GOOD_CHALLENGE, 46_000), ra().encryptionCertificate(),
				TestDevice.newTransactionId());
		String path = "/scep/default?" + GetDialect.RFC.query(message);
		assertThat(path.length()).isGreaterThanOrEqualTo(64 * 1024);
		assertThat(getPkiOperation(device, path).status()).isEqualTo(PkiStatus.SUCCESS);
	}

	private byte[] pkcsReq(TestDevice device, ASN1ObjectIdentifier cipher, String digest) throws Exception {
		return device.pkcsReq(device.csr(FakeUpstreams.GOOD_CHALLENGE), ra().encryptionCertificate(),
				TestDevice.newTransactionId(), cipher, digest);
	}

	private CertRepResponse getPkiOperation(TestDevice device, String pathAndQuery) throws Exception {
		HttpResponse<byte[]> response = get(pathAndQuery);
		assertThat(response.statusCode()).isEqualTo(200);
		return device.read(response.body(), ra().signingCertificate());
	}

	private static ASN1ObjectIdentifier replyCipher(byte[] certRep) throws Exception {
		return new ASN1ObjectIdentifier(
				new CMSEnvelopedData(PkiMessage.parse(certRep).content().orElseThrow()).getEncryptionAlgOID());
	}

}
