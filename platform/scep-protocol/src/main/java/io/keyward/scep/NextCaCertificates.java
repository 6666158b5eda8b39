package io.keyward.scep;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * The GetNextCACert answer (RFC 8894 section 4.7.1): a SignedData whose content is a
 * degenerate certificates-only SignedData (section 3.4) holding the next CA
 * certificate(s), sent as {@code application/x-x509-next-ca-cert}.
 * <p>
 * The RFC has the current CA key sign it. Keyward's CA key never leaves the ca-adapter
 * and the gateway speaks for the CA as an RA (section 2.1.2), so the RA signing key
 * signs, the key clients already verify every CertRep with; its certificate is carried in
 * the outer SignedData.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8894#section-4.7.1">RFC 8894 section
 * 4.7.1</a>
 */
public final class NextCaCertificates {

	private NextCaCertificates() {
	}

	/**
	 * @param nextCa the next CA certificate(s), and whatever else the device needs after
	 * the switch-over
	 * @param raSigningCertificate the RA signing certificate
	 * @param raSigningKey its key
	 * @return the DER SignedData
	 */
	public static byte[] encode(List<X509Certificate> nextCa, X509Certificate raSigningCertificate,
			PrivateKey raSigningKey) {
		try {
			JcaX509CertificateHolder signer = new JcaX509CertificateHolder(raSigningCertificate);
			CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
			generator.addSignerInfoGenerator(
					new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
						.build(new JcaContentSignerBuilder(
								ScepAlgorithms.signatureAlgorithm(NISTObjectIdentifiers.id_sha256, raSigningKey))
							.build(raSigningKey), signer));
			generator.addCertificate(signer);
			byte[] content = CertificatesOnly.encode(nextCa);
			return generator.generate(new CMSProcessableByteArray(content), true).getEncoded(ASN1Encoding.DL);
		}
		catch (CertificateEncodingException | OperatorCreationException | CMSException | IOException ex) {
			throw new IllegalStateException("cannot sign the GetNextCACert answer", ex);
		}
	}

}
