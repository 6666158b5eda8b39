package io.keyward.scep;

import java.util.List;
import java.util.stream.Stream;

import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.cms.CMSAlgorithm;
import org.junit.jupiter.params.provider.Arguments;

/**
 * What the request side of the codec tests shares: the RA (a {@link TestPki}), one device
 * that enrolls with it, a decoder holding the RA's encryption key, the algorithms a
 * client may pick, and a PKCSReq with the usual ones.
 */
final class PkcsReqFixture {

	static final TestPki pki = TestPki.shared();

	static final TestClient client = TestClient.create("device1");

	private PkcsReqFixture() {
	}

	static PkiMessageDecoder decoder() {
		return new PkiMessageDecoder(List.of(pki.recipientKey()));
	}

	/**
	 * Content ciphers (AES-128 and triple DES, RFC 8894 section 3.5.2) crossed with
	 * digests, each with the OID a reply must mirror.
	 * @return arguments (cipher OID, JCA digest name, digest OID)
	 */
	static Stream<Arguments> cipherAndDigest() {
		return Stream.of(CMSAlgorithm.AES128_CBC, CMSAlgorithm.DES_EDE3_CBC)
			.flatMap((cipher) -> Stream.of(Arguments.of(cipher, "SHA-1", OIWObjectIdentifiers.idSHA1),
					Arguments.of(cipher, "SHA-256", NISTObjectIdentifiers.id_sha256),
					Arguments.of(cipher, "SHA-512", NISTObjectIdentifiers.id_sha512)));
	}

	/**
	 * The device's PKCSReq to the RA: AES-128-CBC, SHA-256 and a fresh sender nonce.
	 * @param transactionId the transactionID attribute
	 * @return the DER pkiMessage
	 */
	static byte[] pkcsReq(String transactionId) {
		return client.pkcsReq(pki, transactionId, ScepAttributes.newSenderNonce(), CMSAlgorithm.AES128_CBC, "SHA-256");
	}

}
