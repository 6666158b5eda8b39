package io.keyward.standalone;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;

import io.keyward.scep.MessageType;
import io.keyward.scep.client.CertRepReader;
import io.keyward.scep.client.CertRepResponse;
import io.keyward.scep.client.ScepRequestBuilder;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * A device that speaks SCEP through the project's client-side codec over real HTTP: a
 * PKCSReq with a challenge, then CertPolls with the same transactionID (RFC 8894 section
 * 3.3.3). For flows the real clients cannot be steered through step by step from a test.
 */
final class ScepDevice {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SuiteClient client;

	private final String path;

	private final X500Name subject;

	private final KeyPair keys;

	private final X509Certificate signer;

	private final String transactionId;

	/**
	 * @param client the suite
	 * @param path the SCEP path, e.g. {@code /scep/approval}
	 * @param subject the subject the device asks for
	 */
	ScepDevice(SuiteClient client, String path, String subject) throws Exception {
		this.client = client;
		this.path = path;
		this.subject = new X500Name(subject);
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		this.keys = generator.generateKeyPair();
		this.signer = ScepRequestBuilder.selfSignedSigner(this.keys, this.subject);
		byte[] id = new byte[16];
		RANDOM.nextBytes(id);
		this.transactionId = HexFormat.of().withUpperCase().formatHex(id);
	}

	String transactionId() {
		return this.transactionId;
	}

	CertRepResponse pkcsReq(String challenge) throws Exception {
		PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(this.subject, this.keys.getPublic())
			.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_challengePassword, new DERPrintableString(challenge))
			.build(new JcaContentSignerBuilder("SHA256withRSA").build(this.keys.getPrivate()));
		return send(ScepRequestBuilder.pkiMessage(MessageType.PKCS_REQ, csr, this.signer, this.keys.getPrivate(),
				raEncryption(), this.transactionId, nonce(), CMSAlgorithm.AES128_CBC, "SHA-256"));
	}

	/**
	 * A RenewalReq (RFC 8894 section 3.3.1.2) signed with the device's current
	 * certificate, for the same key, under a new transactionID and without a challenge.
	 * @param current the certificate issued to this device's key
	 */
	CertRepResponse renewalReq(X509Certificate current) throws Exception {
		PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(this.subject, this.keys.getPublic())
			.build(new JcaContentSignerBuilder("SHA256withRSA").build(this.keys.getPrivate()));
		byte[] id = new byte[16];
		RANDOM.nextBytes(id);
		return send(ScepRequestBuilder.pkiMessage(MessageType.RENEWAL_REQ, csr, current, this.keys.getPrivate(),
				raEncryption(), HexFormat.of().withUpperCase().formatHex(id), nonce(), CMSAlgorithm.AES128_CBC,
				"SHA-256"));
	}

	CertRepResponse certPoll() throws Exception {
		X509Certificate ca = this.client.caCertificate();
		return send(ScepRequestBuilder.certPoll(X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()),
				this.subject, this.signer, this.keys.getPrivate(), raEncryption(), this.transactionId, nonce(),
				CMSAlgorithm.AES128_CBC, "SHA-256"));
	}

	private CertRepResponse send(byte[] message) throws Exception {
		HttpResponse<byte[]> response = this.client.sendForBytes(
				HttpRequest.newBuilder(URI.create(this.client.gatewayUrl(this.path + "?operation=PKIOperation")))
					.header("Content-Type", "application/x-pki-message")
					.POST(HttpRequest.BodyPublishers.ofByteArray(message))
					.build());
		if (response.statusCode() != 200) {
			throw new AssertionError("PKIOperation answered HTTP " + response.statusCode());
		}
		return CertRepReader.read(response.body(), raCertificate(0), this.keys.getPrivate());
	}

	private X509Certificate raEncryption() throws Exception {
		return raCertificate(2);
	}

	/**
	 * The RA certificate whose key usage has the bit (0 digitalSignature, 2
	 * keyEncipherment), as clients tell them apart.
	 */
	X509Certificate raCertificate(int keyUsageBit) throws Exception {
		List<X509Certificate> all = this.client.caCertificates();
		return all.stream()
			.filter((c) -> c.getBasicConstraints() < 0 && c.getKeyUsage() != null && c.getKeyUsage()[keyUsageBit])
			.findFirst()
			.orElseThrow(
					() -> new AssertionError("GetCACert holds no RA certificate with key usage bit " + keyUsageBit));
	}

	private static byte[] nonce() {
		byte[] nonce = new byte[16];
		RANDOM.nextBytes(nonce);
		return nonce;
	}

}
