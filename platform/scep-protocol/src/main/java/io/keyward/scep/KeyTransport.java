package io.keyward.scep;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAESOAEPparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * Recovers the content-encryption key of a KeyTransRecipientInfo: RSA PKCS#1 v1.5
 * (rsaEncryption, what Intune, Jamf and most devices send) or RSAES-OAEP (RFC 8017
 * section 7.1, with the parameters of RFC 4055 section 4.1). Which provider decrypts is
 * chosen from the algorithm identifier alone (the JDK's providers, Bouncy Castle for
 * parameter sets they lack), never from the outcome of a decryption.
 * <p>
 * A key that does not decrypt, or decrypts to the wrong length, is replaced by a random
 * one and the content is decrypted with it, so every failure ends in the same content
 * decryption failure: no Bleichenbacher or Manger padding oracle (RFC 3218 section
 * 2.3.2).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5652#section-6.2.1">RFC 5652 section
 * 6.2.1</a>
 */
final class KeyTransport {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Map<ASN1ObjectIdentifier, String> OAEP_DIGESTS = Map.of(OIWObjectIdentifiers.idSHA1, "SHA-1",
			NISTObjectIdentifiers.id_sha224, "SHA-224", NISTObjectIdentifiers.id_sha256, "SHA-256",
			NISTObjectIdentifiers.id_sha384, "SHA-384", NISTObjectIdentifiers.id_sha512, "SHA-512");

	private KeyTransport() {
	}

	/**
	 * @param algorithm the keyEncryptionAlgorithm
	 * @return whether it is RSA PKCS#1 v1.5 or RSAES-OAEP with parameters this class
	 * knows
	 */
	static boolean isSupported(AlgorithmIdentifier algorithm) {
		try {
			transformation(algorithm);
			return true;
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			return false;
		}
	}

	/**
	 * @param algorithm a supported keyEncryptionAlgorithm
	 * @param key the RA encryption key
	 * @param encryptedKey the encryptedKey octets
	 * @param keyLength the length the content cipher needs
	 * @return the content-encryption key, or random bytes of {@code keyLength} when it
	 * cannot be recovered
	 */
	static byte[] contentKey(AlgorithmIdentifier algorithm, PrivateKey key, byte[] encryptedKey, int keyLength) {
		byte[] contentKey;
		try {
			Cipher cipher = cipher(algorithm, key);
			contentKey = cipher.doFinal(encryptedKey);
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			contentKey = null;
		}
		if (contentKey == null || contentKey.length != keyLength) {
			contentKey = new byte[keyLength];
			RANDOM.nextBytes(contentKey);
		}
		return contentKey;
	}

	private static Cipher cipher(AlgorithmIdentifier algorithm, PrivateKey key) throws GeneralSecurityException {
		Transformation transformation = transformation(algorithm);
		try {
			Cipher jdk = Cipher.getInstance(transformation.name());
			jdk.init(Cipher.DECRYPT_MODE, key, transformation.oaep());
			return jdk;
		}
		catch (GeneralSecurityException ex) {
			// a parameter set no JDK provider offers (say OAEP with different digests for
			// the label and for MGF1)
			Cipher bc = Cipher.getInstance(transformation.name(), BouncyCastle.PROVIDER);
			bc.init(Cipher.DECRYPT_MODE, key, transformation.oaep());
			return bc;
		}
	}

	private static Transformation transformation(AlgorithmIdentifier algorithm) throws GeneralSecurityException {
		ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
		if (PKCSObjectIdentifiers.rsaEncryption.equals(oid)) {
			return new Transformation("RSA/ECB/PKCS1Padding", null);
		}
		if (!PKCSObjectIdentifiers.id_RSAES_OAEP.equals(oid)) {
			throw new GeneralSecurityException("key transport " + oid + " not supported");
		}
		// absent parameters mean the RFC 4055 defaults: SHA-1, MGF1 with SHA-1, empty
		// label
		RSAESOAEPparams params = (algorithm.getParameters() == null || algorithm.getParameters() instanceof ASN1Null)
				? new RSAESOAEPparams() : RSAESOAEPparams.getInstance(algorithm.getParameters());
		String digest = OAEP_DIGESTS.get(params.getHashAlgorithm().getAlgorithm());
		AlgorithmIdentifier mgf = params.getMaskGenAlgorithm();
		String mgfDigest = PKCSObjectIdentifiers.id_mgf1.equals(mgf.getAlgorithm())
				? OAEP_DIGESTS.get(AlgorithmIdentifier.getInstance(mgf.getParameters()).getAlgorithm()) : null;
		if (digest == null || mgfDigest == null
				|| !PKCSObjectIdentifiers.id_pSpecified.equals(params.getPSourceAlgorithm().getAlgorithm())) {
			throw new GeneralSecurityException("RSAES-OAEP parameters not supported");
		}
		byte[] label = ASN1OctetString.getInstance(params.getPSourceAlgorithm().getParameters()).getOctets();
		return new Transformation("RSA/ECB/OAEPPadding",
				new OAEPParameterSpec(digest, "MGF1", new MGF1ParameterSpec(mgfDigest), new PSource.PSpecified(label)));
	}

	private record Transformation(String name, OAEPParameterSpec oaep) {
	}

}
