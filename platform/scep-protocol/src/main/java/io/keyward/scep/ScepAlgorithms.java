package io.keyward.scep;

import java.security.PrivateKey;
import java.util.Map;
import java.util.Set;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.cms.CMSAlgorithm;

/**
 * The algorithm policy: which digests and content ciphers are accepted from clients and
 * which are used in replies. RC2 and MD5 are refused (section 2.9 "MUST NOT", section 7.5
 * downgrade attacks). Single DES is refused unless a profile opts in with
 * {@link #withLegacySingleDes}: micromdm's {@code scepclient} 2.1.0 encrypts every
 * request with single DES whatever GetCACaps advertises. Replies mirror the client's
 * choice when it is one of the advertised ones (AES, DES3, SHA-1, SHA-256, SHA-512) and
 * are never single DES: a single-DES request is answered with DES-EDE3.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8894#section-2.9">RFC 8894 section
 * 2.9</a>
 */
public final class ScepAlgorithms {

	/** Content encryption accepted in a pkcsPKIEnvelope (section 3.5.2 AES, DES3). */
	public static final Set<ASN1ObjectIdentifier> CONTENT_CIPHERS = Set.of(CMSAlgorithm.AES128_CBC,
			CMSAlgorithm.AES192_CBC, CMSAlgorithm.AES256_CBC, CMSAlgorithm.DES_EDE3_CBC);

	/** Single DES (1.3.14.3.2.7), accepted only from profiles that opt in. */
	public static final ASN1ObjectIdentifier SINGLE_DES = OIWObjectIdentifiers.desCBC;

	private static final Map<ASN1ObjectIdentifier, String> DIGESTS = Map.of(OIWObjectIdentifiers.idSHA1, "SHA1",
			NISTObjectIdentifiers.id_sha224, "SHA224", NISTObjectIdentifiers.id_sha256, "SHA256",
			NISTObjectIdentifiers.id_sha384, "SHA384", NISTObjectIdentifiers.id_sha512, "SHA512");

	private static final Set<ASN1ObjectIdentifier> REPLY_DIGESTS = Set.of(OIWObjectIdentifiers.idSHA1,
			NISTObjectIdentifiers.id_sha256, NISTObjectIdentifiers.id_sha512);

	private ScepAlgorithms() {
	}

	public static boolean isAcceptedDigest(ASN1ObjectIdentifier digest) {
		return DIGESTS.containsKey(digest);
	}

	public static boolean isAcceptedContentCipher(ASN1ObjectIdentifier cipher) {
		return CONTENT_CIPHERS.contains(cipher);
	}

	/**
	 * The accepted content ciphers plus single DES, for profiles that must serve legacy
	 * clients (section 2.9 forbids it; the envelope then protects the challenge password
	 * only as well as 56-bit DES does).
	 * @return the widened set
	 */
	public static Set<ASN1ObjectIdentifier> withLegacySingleDes() {
		return Set.of(CMSAlgorithm.AES128_CBC, CMSAlgorithm.AES192_CBC, CMSAlgorithm.AES256_CBC,
				CMSAlgorithm.DES_EDE3_CBC, SINGLE_DES);
	}

	/**
	 * The cipher of a SUCCESS envelope: the request's when accepted, DES-EDE3 for a
	 * single-DES request, otherwise AES-128-CBC (never single DES, which broke OpenSSL 3
	 * clients of older servers).
	 * @param requested the request's content encryption algorithm, may be {@code null}
	 * @return the cipher to use
	 */
	public static ASN1ObjectIdentifier replyContentCipher(ASN1ObjectIdentifier requested) {
		if (SINGLE_DES.equals(requested)) {
			return CMSAlgorithm.DES_EDE3_CBC;
		}
		return (requested != null && CONTENT_CIPHERS.contains(requested)) ? requested : CMSAlgorithm.AES128_CBC;
	}

	/**
	 * The digest of a CertRep: the request's when it is SHA-1, SHA-256 or SHA-512,
	 * otherwise SHA-256.
	 * @param requested the request's digest algorithm, may be {@code null}
	 * @return the digest to use
	 */
	public static ASN1ObjectIdentifier replyDigest(ASN1ObjectIdentifier requested) {
		return (requested != null && REPLY_DIGESTS.contains(requested)) ? requested : NISTObjectIdentifiers.id_sha256;
	}

	/**
	 * A JCA signature algorithm name such as {@code SHA256withRSA}.
	 * @param digest an accepted digest
	 * @param key the signing key (RSA or EC)
	 * @return the algorithm name
	 */
	public static String signatureAlgorithm(ASN1ObjectIdentifier digest, PrivateKey key) {
		String digestName = DIGESTS.getOrDefault(digest, "SHA256");
		String keyAlgorithm = key.getAlgorithm();
		return switch (keyAlgorithm) {
			case "EC", "ECDSA" -> digestName + "withECDSA";
			default -> digestName + "with" + keyAlgorithm;
		};
	}

}
