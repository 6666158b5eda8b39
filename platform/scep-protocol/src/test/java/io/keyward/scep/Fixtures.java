package io.keyward.scep;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientId;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/** Loads the captured real-client messages and test-only keys under {@code fixtures/}. */
public final class Fixtures {

	private Fixtures() {
	}

	public static byte[] bytes(String name) {
		try (InputStream in = open(name)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static String text(String name) {
		return new String(bytes(name), StandardCharsets.US_ASCII);
	}

	public static X509Certificate certificate(String name) {
		try (InputStream in = open(name)) {
			return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
		catch (IOException | CertificateException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Reads a PKCS#1 ({@code RSA PRIVATE KEY}, as scepclient wants it) or PKCS#8 PEM key.
	 * @param name the file under {@code fixtures/}
	 * @return the key
	 */
	public static PrivateKey privateKey(String name) {
		try (Reader reader = new InputStreamReader(open(name), StandardCharsets.US_ASCII);
				PEMParser parser = new PEMParser(reader)) {
			Object pem = parser.readObject();
			JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
			if (pem instanceof PEMKeyPair pair) {
				return converter.getKeyPair(pair).getPrivate();
			}
			return converter.getPrivateKey((PrivateKeyInfo) pem);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static RecipientKey recipientKey() {
		return new RecipientKey(certificate("ra-encryption.pem"), privateKey("ra-encryption.key"));
	}

	public static CertRepEncoder encoder(CertRepEncoder.OmittedEnvelope omittedEnvelope) {
		return new CertRepEncoder(certificate("ra-signing.pem"), privateKey("ra-signing.key"), omittedEnvelope);
	}

	/**
	 * Test-side decryption without the algorithm policy, to reach the CSR of a single-DES
	 * request (scepclient).
	 * @param message a request pkiMessage enveloped to the fixture RA encryption
	 * certificate
	 * @return the messageData
	 * @throws Exception when it cannot be decrypted
	 */
	public static byte[] openEnvelopeIgnoringPolicy(byte[] message) throws Exception {
		CMSEnvelopedData envelope = new CMSEnvelopedData(PkiMessage.parse(message).content().orElseThrow());
		return envelope.getRecipientInfos()
			.get(new JceKeyTransRecipientId(certificate("ra-encryption.pem")))
			.getContent(new JceKeyTransEnvelopedRecipient(privateKey("ra-encryption.key")));
	}

	/**
	 * Issues a one-day certificate for a CSR with the fixture CA key.
	 * @param csr the request
	 * @return the certificate
	 * @throws Exception when signing fails
	 */
	public static X509Certificate issue(PKCS10CertificationRequest csr) throws Exception {
		X509Certificate ca = certificate("ca.pem");
		Instant now = Instant.now();
		X509v3CertificateBuilder builder = new X509v3CertificateBuilder(
				X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()), BigInteger.valueOf(now.toEpochMilli()),
				Date.from(now.minusSeconds(60)), Date.from(now.plus(Duration.ofDays(1))), csr.getSubject(),
				csr.getSubjectPublicKeyInfo());
		return new JcaX509CertificateConverter()
			.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(privateKey("ca.key"))));
	}

	private static InputStream open(String name) {
		InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name);
		if (in == null) {
			throw new IllegalArgumentException("no fixture " + name);
		}
		return in;
	}

}
