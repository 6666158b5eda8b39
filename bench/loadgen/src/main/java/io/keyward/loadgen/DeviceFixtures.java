package io.keyward.loadgen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.List;

import io.keyward.scep.client.ScepRequestBuilder;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Makes the devices of a run ahead of time, in parallel on every core: RSA key generation
 * dominates and must not be measured.
 */
public final class DeviceFixtures {

	private DeviceFixtures() {
	}

	/**
	 * @param runId distinguishes the subjects of this run from earlier ones
	 * @param challenges one challenge (or null) per device
	 * @param keySize RSA key size
	 * @param withRenewal also prepare a renewal key and CSR
	 * @param pool keys to share between devices round-robin, or empty for a fresh key per
	 * device
	 * @return the devices in index order
	 */
	public static List<Device> generate(String runId, List<String> challenges, int keySize, boolean withRenewal,
			List<KeyPair> pool) {
		return Parallel.map(challenges.size(), (i) -> device(runId, i, challenges.get(i), keySize, withRenewal, pool));
	}

	/**
	 * @param count how many key pairs
	 * @param keySize RSA key size
	 * @return fresh RSA key pairs, generated in parallel
	 */
	public static List<KeyPair> keyPool(int count, int keySize) {
		return Parallel.map(count, (i) -> rsa(keySize));
	}

	static Device device(String runId, int index, String challenge, int keySize, boolean withRenewal,
			List<KeyPair> pool) {
		X500Name subject = new X500Name("CN=loadgen-" + runId + "-" + index + ",O=Keyward loadgen");
		boolean pooled = !pool.isEmpty();
		KeyPair keys = pooled ? pool.get(index % pool.size()) : rsa(keySize);
		Device.Renewal renewal = null;
		if (withRenewal) {
			KeyPair next = pooled ? pool.get((index + 1) % pool.size()) : rsa(keySize);
			String id = pooled ? transactionId(next.getPublic(), subject + "/renewal")
					: transactionId(next.getPublic());
			renewal = new Device.Renewal(next, id, csr(subject, next, null));
		}
		String transactionId = pooled ? transactionId(keys.getPublic(), subject.toString())
				: transactionId(keys.getPublic());
		return new Device(index, keys, ScepRequestBuilder.selfSignedSigner(keys, subject), transactionId, challenge,
				csr(subject, keys, challenge), renewal);
	}

	/**
	 * @param key a public key
	 * @return lower-case hex SHA-256 of its DER SubjectPublicKeyInfo
	 */
	public static String transactionId(PublicKey key) {
		return transactionId(key, "");
	}

	/**
	 * A shared key would give every device the same ID, so pooled keys hash the subject
	 * in as well: transactionIDs stay unique per device, as section 3.2.1.1 requires.
	 */
	static String transactionId(PublicKey key, String salt) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			sha256.update(key.getEncoded());
			sha256.update(salt.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(sha256.digest());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static byte[] csr(X500Name subject, KeyPair keys, String challenge) {
		PKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(subject, keys.getPublic());
		if (challenge != null) {
			builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_challengePassword, directoryString(challenge));
		}
		try {
			return builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())).getEncoded();
		}
		catch (OperatorCreationException | IOException ex) {
			throw new IllegalStateException("cannot build the PKCS#10 request", ex);
		}
	}

	// PrintableString where it fits (what most clients send), UTF8String otherwise
	private static ASN1Encodable directoryString(String challenge) {
		return DERPrintableString.isPrintableString(challenge) ? new DERPrintableString(challenge)
				: new DERUTF8String(challenge);
	}

	private static KeyPair rsa(int keySize) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(keySize);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
