package io.keyward.gateway.transaction;

import java.util.Set;

import io.keyward.scep.PkiRequest;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;

/**
 * The algorithms a device chose for one request, by Bouncy Castle's names (for example
 * {@code DESEDE-3KEY/CBC}, {@code RSA}, {@code RSAOAEP}, {@code SHA1},
 * {@code SHA256WITHRSA}), or the dotted OID when it has none.
 *
 * @param contentEncryption the pkcsPKIEnvelope cipher (RFC 8894 section 3.2.2)
 * @param keyTransport how its key was transported: rsaEncryption (PKCS#1 v1.5) or
 * RSAES-OAEP
 * @param digest the SignerInfo digest algorithm (section 3.2)
 * @param signature the SignerInfo signature algorithm
 */
public record ClientAlgorithms(String contentEncryption, String keyTransport, String digest, String signature) {

	private static final DefaultAlgorithmNameFinder NAMES = new DefaultAlgorithmNameFinder();

	/** Single DES, triple DES and SHA-1 (RFC 8894 section 2.9 and 3.5.2). */
	private static final Set<ASN1ObjectIdentifier> LEGACY = Set.of(OIWObjectIdentifiers.desCBC,
			CMSAlgorithm.DES_EDE3_CBC, OIWObjectIdentifiers.idSHA1, PKCSObjectIdentifiers.sha1WithRSAEncryption);

	/**
	 * @param request a decoded request
	 * @return its algorithms; those it did not get as far as are {@code null}
	 */
	public static ClientAlgorithms of(PkiRequest request) {
		return new ClientAlgorithms(name(request.contentEncryptionAlgorithm()), name(request.keyTransportAlgorithm()),
				name(request.digestAlgorithm()), name(request.signatureAlgorithm()));
	}

	/**
	 * @param algorithm an algorithm identifier, may be {@code null}
	 * @return whether it is one an admin would want to retire
	 */
	public static boolean legacy(ASN1ObjectIdentifier algorithm) {
		return algorithm != null && LEGACY.contains(algorithm);
	}

	public static String name(ASN1ObjectIdentifier algorithm) {
		if (algorithm == null) {
			return null;
		}
		return NAMES.hasAlgorithmName(algorithm) ? NAMES.getAlgorithmName(algorithm) : algorithm.getId();
	}

}
