package io.keyward.ca.authority;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;

import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * Key algorithms for a CA key ({@code keyward.ca.key-algorithm}), each with the signature
 * algorithm the CA signs with. RSA CAs sign with SHA-256, which every SCEP client in the
 * protocol brief accepts; EC CAs sign with the hash that matches the curve strength.
 */
public enum CaKeyAlgorithm {

	RSA_2048("RSA", new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4), "SHA256withRSA"),

	RSA_3072("RSA", new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4), "SHA256withRSA"),

	RSA_4096("RSA", new RSAKeyGenParameterSpec(4096, RSAKeyGenParameterSpec.F4), "SHA256withRSA"),

	EC_P256("EC", new ECGenParameterSpec("secp256r1"), "SHA256withECDSA"),

	EC_P384("EC", new ECGenParameterSpec("secp384r1"), "SHA384withECDSA");

	private static final SecureRandom RANDOM = new SecureRandom();

	private final String keyType;

	private final AlgorithmParameterSpec parameters;

	private final String signatureAlgorithm;

	CaKeyAlgorithm(String keyType, AlgorithmParameterSpec parameters, String signatureAlgorithm) {
		this.keyType = keyType;
		this.parameters = parameters;
		this.signatureAlgorithm = signatureAlgorithm;
	}

	KeyPair generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance(this.keyType);
			generator.initialize(this.parameters, RANDOM);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot generate a " + name() + " CA key", ex);
		}
	}

	/**
	 * @return the JCA key type, {@code RSA} or {@code EC}
	 */
	String keyType() {
		return this.keyType;
	}

	/**
	 * The key usage of a CA certificate for this key: keyCertSign and cRLSign (RFC 5280
	 * section 4.2.1.3), plus digitalSignature and, for an RSA key, keyEncipherment, so
	 * that a SCEP client may use the CA certificate directly to verify CertReps and
	 * encrypt to it (RFC 8894 section 2.1.2).
	 * @return the key usage of a CA certificate for this key
	 */
	KeyUsage caKeyUsage() {
		int usage = KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature;
		return new KeyUsage("RSA".equals(this.keyType) ? usage | KeyUsage.keyEncipherment : usage);
	}

	String signatureAlgorithm() {
		return this.signatureAlgorithm;
	}

}
