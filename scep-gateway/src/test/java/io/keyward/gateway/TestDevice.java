package io.keyward.gateway;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

import io.keyward.scep.MalformedMessageException;
import io.keyward.scep.MessageType;
import io.keyward.scep.client.CertRepReader;
import io.keyward.scep.client.CertRepResponse;
import io.keyward.scep.client.ScepRequestBuilder;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * A SCEP client for tests, built on the project's client-side encoder: an RSA key, the
 * self-signed signer certificate of RFC 8894 section 2.3, and PKCSReq messages.
 */
public final class TestDevice {

	private static final SecureRandom RANDOM = new SecureRandom();

	/** A private OID for padding attributes that make a CSR as large as Intune's. */
	private static final ASN1ObjectIdentifier PADDING = new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1");

	private final KeyPair keyPair;

	private final X509Certificate signer;

	private final String subject;

	public TestDevice(String commonName) throws Exception {
		this.keyPair = TestCertificateAuthority.rsa();
		this.subject = "CN=" + commonName + ",O=Keyward Tests";
		this.signer = ScepRequestBuilder.selfSignedSigner(this.keyPair, new X500Name(this.subject));
	}

	public static String newTransactionId() {
		byte[] bytes = new byte[20];
		RANDOM.nextBytes(bytes);
		return HexFormat.of().withUpperCase().formatHex(bytes);
	}

	public PKCS10CertificationRequest csr(String challenge) throws Exception {
		return csr(challenge, 0);
	}

	/**
	 * @param challenge the challengePassword, or null for none
	 * @param paddingBytes size of an extra attribute, to make the request large
	 */
	public PKCS10CertificationRequest csr(String challenge, int paddingBytes) throws Exception {
		PKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(new X500Name(this.subject),
				this.keyPair.getPublic());
		if (challenge != null) {
			builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_challengePassword, new DERPrintableString(challenge));
		}
		if (paddingBytes > 0) {
			builder.addAttribute(PADDING, new DEROctetString(new byte[paddingBytes]));
		}
		return builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(this.keyPair.getPrivate()));
	}

	public byte[] pkcsReq(PKCS10CertificationRequest csr, X509Certificate raEncryption, String transactionId) {
		return pkcsReq(csr, raEncryption, transactionId, CMSAlgorithm.AES128_CBC, "SHA-256");
	}

	public byte[] pkcsReq(PKCS10CertificationRequest csr, X509Certificate raEncryption, String transactionId,
			ASN1ObjectIdentifier cipher, String digest) {
		byte[] nonce = new byte[16];
		RANDOM.nextBytes(nonce);
		return ScepRequestBuilder.pkiMessage(MessageType.PKCS_REQ, csr, this.signer, this.keyPair.getPrivate(),
				raEncryption, transactionId, nonce, cipher, digest);
	}

	/**
	 * A renewal (RFC 8894 section 2.5) signed with this device's key and the certificate
	 * issued for it: a RenewalReq, or a PKCSReq as certmonger sends it.
	 * @param current the certificate issued for this device's key
	 * @param csr the request for the new certificate, with this or another key
	 */
	public byte[] renewal(MessageType type, PKCS10CertificationRequest csr, X509Certificate current,
			X509Certificate raEncryption, String transactionId) {
		byte[] nonce = new byte[16];
		RANDOM.nextBytes(nonce);
		return ScepRequestBuilder.pkiMessage(type, csr, current, this.keyPair.getPrivate(), raEncryption, transactionId,
				nonce, CMSAlgorithm.AES128_CBC, "SHA-256");
	}

	/**
	 * A CertPoll (RFC 8894 section 3.3.3) for this device's pending request, signed with
	 * its key.
	 */
	public byte[] certPoll(X509Certificate ca, X509Certificate raEncryption, String transactionId) {
		byte[] nonce = new byte[16];
		RANDOM.nextBytes(nonce);
		return ScepRequestBuilder.certPoll(X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()),
				new X500Name(this.subject), this.signer, this.keyPair.getPrivate(), raEncryption, transactionId, nonce,
				CMSAlgorithm.AES128_CBC, "SHA-256");
	}

	public CertRepResponse read(byte[] certRep, X509Certificate raSigning) throws MalformedMessageException {
		return CertRepReader.read(certRep, raSigning, this.keyPair.getPrivate());
	}

	public KeyPair keyPair() {
		return this.keyPair;
	}

	/** The self-signed signer certificate (RFC 8894 section 2.3). */
	public X509Certificate signer() {
		return this.signer;
	}

}
