package io.keyward.scep;

import java.security.KeyPair;
import java.security.cert.X509Certificate;

import io.keyward.scep.client.ScepRequestBuilder;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * A SCEP client as RFC 8894 describes it: a key pair, a self-signed signer certificate
 * with the same key, and a CSR carrying the challenge.
 *
 * @param keys the client key pair
 * @param signer the self-signed signer certificate
 * @param csr the PKCS#10
 */
public record TestClient(KeyPair keys, X509Certificate signer, PKCS10CertificationRequest csr) {

	public static final String CHALLENGE = "KW7Q2M9X4T8P3Z6R";

	public static TestClient create(String cn) {
		KeyPair keys = TestPki.rsa(2048);
		return new TestClient(keys, ScepRequestBuilder.selfSignedSigner(keys, new X500Name("CN=" + cn)),
				TestPki.csr(keys, "CN=" + cn + ",O=Keyward Test", CHALLENGE));
	}

	public byte[] pkcsReq(TestPki pki, String transactionId, byte[] senderNonce, ASN1ObjectIdentifier cipher,
			String digest) {
		return ScepRequestBuilder.pkiMessage(MessageType.PKCS_REQ, this.csr, this.signer, this.keys.getPrivate(),
				pki.raEncryptionCertificate, transactionId, senderNonce, cipher, digest);
	}

}
