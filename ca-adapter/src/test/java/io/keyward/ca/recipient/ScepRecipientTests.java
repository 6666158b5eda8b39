package io.keyward.ca.recipient;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import io.keyward.api.ca.CertRepSigningRequest;
import io.keyward.api.ca.OpenedScepEnvelope;
import io.keyward.api.ca.ScepEnvelope;
import io.keyward.ca.CaAdapterTest;
import io.keyward.ca.CaApiTests;
import io.keyward.ca.TestCsrs;
import io.keyward.scep.CertRep;
import io.keyward.scep.CertRepEncoder;
import io.keyward.scep.FailInfo;
import io.keyward.scep.PkiStatus;
import io.keyward.scep.client.CertRepReader;
import io.keyward.scep.client.CertRepResponse;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.EnvelopedData;
import org.bouncycastle.asn1.cms.KeyTransRecipientInfo;
import org.bouncycastle.asn1.cms.RecipientInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.HttpClientErrorException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The CA as the SCEP recipient for the gateway (RFC 8894 section 2.2), over real HTTP
 * with the gateway's production scopes: envelopes addressed to the CA are opened, nothing
 * else is; a CertRep is signed with the CA key and verifies with the CA certificate; only
 * the gateway may ask.
 */
class ScepRecipientTests extends CaApiTests {

	private static final String ENVELOPES = "/api/v1/scep-recipient/envelopes";

	private static final String CERT_REPS = "/api/v1/scep-recipient/cert-reps";

	@Test
	void whenAnEnvelopeIsAddressedToTheCaThenTheCaKeyOpensIt() throws Exception {
		byte[] csr = TestCsrs.forKey(TestCsrs.rsa(2048), "CN=ca-recipient.example").der();

		OpenedScepEnvelope opened = client(CaAdapterTest.GATEWAY_TOKEN)
			.openScepEnvelope(new ScepEnvelope(base64(envelope(csr, caCertificate()))));

		assertThat(Base64.getDecoder().decode(opened.messageData())).isEqualTo(csr);
		assertThat(opened.contentEncryptionAlgorithm()).isEqualTo(CMSAlgorithm.AES128_CBC.getId());
		assertThat(opened.keyTransportAlgorithm()).isEqualTo("1.2.840.113549.1.1.1");
	}

	@Test
	void whenAnEnvelopeIsAddressedToAnotherCertificateThenRefused() throws Exception {
		Device device = Device.create();
		String answer = post(ENVELOPES, CaAdapterTest.GATEWAY_TOKEN,
				envelopeJson(envelope(TestCsrs.forKey(device.keys(), "CN=x").der(), device.certificate())));

		assertThat(answer).startsWith("422 ").contains("not addressed to a CA certificate");
	}

	@Test
	void whenTheKeyOrTheContentDoesNotDecryptThenEveryFailureIsTheSameAnswer() throws Exception {
		byte[] good = envelope(TestCsrs.forKey(TestCsrs.rsa(2048), "CN=oracle.example").der(), caCertificate());

		String wrongKey = post(ENVELOPES, CaAdapterTest.GATEWAY_TOKEN, envelopeJson(withEncryptedKey(good)));
		byte[] corrupt = good.clone();
		corrupt[corrupt.length - 5] ^= 0x5A;
		String wrongContent = post(ENVELOPES, CaAdapterTest.GATEWAY_TOKEN, envelopeJson(corrupt));

		assertThat(wrongKey).startsWith("422 ").contains("pkcsPKIEnvelope cannot be decrypted");
		assertThat(wrongContent).isEqualTo(wrongKey);
	}

	@Test
	void whenTheEnvelopeIsGarbageOrTooLargeThenBadRequestProblem() {
		assertThat(post(ENVELOPES, CaAdapterTest.GATEWAY_TOKEN, envelopeJson(new byte[] { 0x30, 0x03, 1, 2, 3 })))
			.startsWith("400 application/problem+json")
			.contains("EnvelopedData");
		assertThat(post(ENVELOPES, CaAdapterTest.GATEWAY_TOKEN, "{\"envelope\":\"not base64!\"}")).startsWith("400 ");
		assertThat(post(ENVELOPES, CaAdapterTest.GATEWAY_TOKEN, envelopeJson(new byte[100_000]))).startsWith("400 ")
			.contains("larger than");
		assertThat(post(ENVELOPES, CaAdapterTest.GATEWAY_TOKEN, "{}")).startsWith("400 ");
	}

	@Test
	void whenASuccessIsSignedThenItVerifiesWithTheCaAndTheDeviceOpensIt() throws Exception {
		Device device = Device.create();
		byte[] nonce = new byte[16];
		new SecureRandom().nextBytes(nonce);
		CertRep success = new CertRep("tx-ca-signed", nonce, PkiStatus.SUCCESS, null, null,
				List.of(device.certificate()), device.certificate(), CMSAlgorithm.AES128_CBC, null);

		byte[] certRep = sign(new CertRepSigningRequest(null, "tx-ca-signed", base64(nonce), "SUCCESS", null, null,
				null, base64(CertRepEncoder.envelope(success)), false));

		CertRepResponse read = CertRepReader.read(certRep, caCertificate(), device.keys().getPrivate());
		assertThat(read.status()).isEqualTo(PkiStatus.SUCCESS);
		assertThat(read.transactionId()).isEqualTo("tx-ca-signed");
		assertThat(read.recipientNonce()).isEqualTo(nonce);
		assertThat(read.certificates()).containsExactly(device.certificate());
	}

	@Test
	void whenAFailureIsSignedForTheCaByFingerprintThenItCarriesTheFailInfo() throws Exception {
		String sha256 = io.keyward.edge.fingerprint.Sha256.hex(caCertificate().getEncoded());
		byte[] certRep = sign(new CertRepSigningRequest(sha256.toUpperCase(), "tx-ca-failure", base64(new byte[16]),
				"FAILURE", "BAD_MESSAGE_CHECK", "cannot decrypt", null, null, true));

		CertRepResponse read = CertRepReader.read(certRep, caCertificate(), null);
		assertThat(read.status()).isEqualTo(PkiStatus.FAILURE);
		assertThat(read.failInfo()).isEqualTo(FailInfo.BAD_MESSAGE_CHECK);
		assertThat(read.failInfoText()).isEqualTo("cannot decrypt");
	}

	@Test
	void whenTheSignedContentIsNotAnEnvelopeOrThePartsAreWrongThenBadRequestAndNothingIsSigned() throws Exception {
		// a TBSCertificate-like SEQUENCE must never get a CA signature
		String tbs = base64(new DEROctetString(new byte[32]).getEncoded());
		String nonce = base64(new byte[16]);
		assertThat(post(CERT_REPS, CaAdapterTest.GATEWAY_TOKEN, signJson("SUCCESS", null, tbs, nonce, null)))
			.startsWith("400 ");
		assertThat(post(CERT_REPS, CaAdapterTest.GATEWAY_TOKEN, signJson("FAILURE", null, null, nonce, null)))
			.startsWith("400 ");
		assertThat(post(CERT_REPS, CaAdapterTest.GATEWAY_TOKEN, signJson("ISSUED", null, null, nonce, null)))
			.startsWith("400 ");
		assertThat(
				post(CERT_REPS, CaAdapterTest.GATEWAY_TOKEN, signJson("PENDING", null, null, nonce, "00".repeat(32))))
			.startsWith("422 ")
			.contains("fingerprint");
	}

	/**
	 * Fuzz report: {@code Enum.valueOf}'s message ("No enum constant
	 * io.keyward.scep.FailInfo.badRequest") was the detail.
	 */
	@Test
	void whenTheStatusOrFailInfoIsUnknownThenBadRequestListingTheNames() {
		String nonce = base64(new byte[16]);
		assertThat(post(CERT_REPS, CaAdapterTest.GATEWAY_TOKEN, signJson("FAILURE", "badRequest", null, nonce, null)))
			.startsWith("400 application/problem+json")
			.contains("failInfo must be one of BAD_ALG, BAD_MESSAGE_CHECK, BAD_REQUEST, BAD_TIME, BAD_CERT_ID")
			.doesNotContain("io.keyward");
		assertThat(post(CERT_REPS, CaAdapterTest.GATEWAY_TOKEN, signJson("ISSUED", null, null, nonce, null)))
			.startsWith("400 application/problem+json")
			.contains("pkiStatus must be one of SUCCESS, FAILURE, PENDING")
			.doesNotContain("io.keyward");
	}

	/**
	 * Fuzz report: a lone surrogate in failInfoText reached the UTF8String encoding and
	 * was a 500.
	 */
	@Test
	void whenATextHasAnUnpairedSurrogateThenBadRequest() {
		String nonce = base64(new byte[16]);
		for (String json : List.of(
				"{\"transactionId\":\"t1\",\"recipientNonce\":\"" + nonce
						+ "\",\"pkiStatus\":\"FAILURE\",\"failInfo\":\"BAD_REQUEST\",\"failInfoText\":\"\\ud83d\"}",
				"{\"transactionId\":\"t\\udc00x\",\"recipientNonce\":\"" + nonce + "\",\"pkiStatus\":\"PENDING\"}")) {
			assertThat(post(CERT_REPS, CaAdapterTest.GATEWAY_TOKEN, json)).as(json)
				.startsWith("400 application/problem+json");
		}
	}

	@Test
	void whenAnyoneButTheGatewayAsksThenUnauthorizedOrForbidden() throws Exception {
		String envelope = envelopeJson(envelope(new byte[] { 0x30, 0 }, caCertificate()));
		String certRep = signJson("PENDING", null, null, base64(new byte[16]), null);
		for (String path : List.of(ENVELOPES, CERT_REPS)) {
			String body = path.equals(ENVELOPES) ? envelope : certRep;
			assertThat(post(path, null, body)).startsWith("401 application/problem+json");
			assertThat(post(path, "kw_mdmApiKeyThatTheCaNeverHeardOf0123456789abcdefgh", body)).startsWith("401 ");
			assertThat(post(path, CaAdapterTest.ADMIN_UI_TOKEN, body)).startsWith("403 application/problem+json");
			assertThat(post(path, CaAdapterTest.SERVICE_TOKEN, body)).as("every scope but scep:ca-recipient")
				.startsWith("403 ");
		}
		assertThat(post(CERT_REPS, CaAdapterTest.GATEWAY_TOKEN, certRep)).startsWith("200 ");
		assertThatExceptionOfType(HttpClientErrorException.Forbidden.class).isThrownBy(
				() -> client(CaAdapterTest.ADMIN_UI_TOKEN).openScepEnvelope(new ScepEnvelope(base64(new byte[2]))));
	}

	private byte[] sign(CertRepSigningRequest request) {
		return Base64.getDecoder().decode(client(CaAdapterTest.GATEWAY_TOKEN).signCertRep(request).certRep());
	}

	private static String signJson(String status, String failInfo, String envelope, String nonce, String sha256) {
		return "{\"transactionId\":\"tx\",\"recipientNonce\":\"" + nonce + "\",\"pkiStatus\":\"" + status + "\""
				+ ((failInfo != null) ? ",\"failInfo\":\"" + failInfo + "\"" : "")
				+ ((envelope != null) ? ",\"pkcsPkiEnvelope\":\"" + envelope + "\"" : "")
				+ ((sha256 != null) ? ",\"caCertificateSha256\":\"" + sha256 + "\"" : "") + "}";
	}

	private static String envelopeJson(byte[] envelope) {
		return "{\"envelope\":\"" + base64(envelope) + "\"}";
	}

	private static String base64(byte[] bytes) {
		return Base64.getEncoder().encodeToString(bytes);
	}

	/** As a SCEP client envelopes its messageData (RFC 8894 section 3.2.2). */
	static byte[] envelope(byte[] content, X509Certificate recipient) throws Exception {
		CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
		generator.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(recipient));
		return generator
			.generate(new CMSProcessableByteArray(content),
					new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES128_CBC).build())
			.toASN1Structure()
			.getEncoded(ASN1Encoding.DER);
	}

	/** The same envelope with random bytes as the encrypted content-encryption key. */
	private static byte[] withEncryptedKey(byte[] der) throws Exception {
		ContentInfo info = ContentInfo.getInstance(der);
		EnvelopedData enveloped = EnvelopedData.getInstance(info.getContent());
		KeyTransRecipientInfo original = (KeyTransRecipientInfo) RecipientInfo
			.getInstance(enveloped.getRecipientInfos().getObjectAt(0))
			.getInfo();
		byte[] random = new byte[original.getEncryptedKey().getOctets().length];
		new SecureRandom().nextBytes(random);
		KeyTransRecipientInfo forged = new KeyTransRecipientInfo(original.getRecipientIdentifier(),
				original.getKeyEncryptionAlgorithm(), new DEROctetString(random));
		ASN1EncodableVector recipients = new ASN1EncodableVector();
		recipients.add(new RecipientInfo(forged));
		EnvelopedData replaced = new EnvelopedData(enveloped.getOriginatorInfo(), new DERSet(recipients),
				enveloped.getEncryptedContentInfo(), enveloped.getUnprotectedAttrs());
		return new ContentInfo(info.getContentType(), replaced).getEncoded(ASN1Encoding.DER);
	}

	private String post(String path, String token, String json) {
		var request = this.restClient.build()
			.method(HttpMethod.POST)
			.uri("http://127.0.0.1:" + this.port + path)
			.contentType(MediaType.APPLICATION_JSON)
			.body(json);
		if (token != null) {
			request = request.header("Authorization", "Bearer " + token);
		}
		return request.exchange((req, response) -> response.getStatusCode().value() + " "
				+ response.getHeaders().getContentType() + " " + new String(response.getBody().readAllBytes()));
	}

	/** A device's key and self-signed certificate (RFC 8894 section 2.3). */
	private record Device(KeyPair keys, X509Certificate certificate) {

		static Device create() throws Exception {
			KeyPair keys = TestCsrs.rsa(2048);
			Instant now = Instant.now();
			X500Name name = new X500Name("CN=scep-device");
			X509Certificate certificate = new JcaX509CertificateConverter()
				.getCertificate(new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
						Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(1, ChronoUnit.DAYS)), name,
						keys.getPublic())
					.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
			return new Device(keys, certificate);
		}

	}

}
