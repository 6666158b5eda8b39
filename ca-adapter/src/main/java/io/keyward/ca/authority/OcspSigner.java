package io.keyward.ca.authority;

import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * A delegated OCSP signing certificate and its key (RFC 6960 section 4.2.2.2): signs OCSP
 * responses for the CA that issued it, with the key held only here.
 */
public final class OcspSigner {

	private final X509Certificate certificate;

	private final X509CertificateHolder holder;

	private final PrivateKey privateKey;

	private final CaKeyAlgorithm algorithm;

	private final RespID responderId;

	OcspSigner(X509Certificate certificate, PrivateKey privateKey, CaKeyAlgorithm algorithm) {
		this.certificate = certificate;
		this.privateKey = privateKey;
		this.algorithm = algorithm;
		try {
			this.holder = new JcaX509CertificateHolder(certificate);
			// byKey (section 4.2.2.3): the SHA-1 of the signer's public key
			DigestCalculator sha1 = new JcaDigestCalculatorProviderBuilder().build()
				.get(new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1));
			this.responderId = new RespID(this.holder.getSubjectPublicKeyInfo(), sha1);
		}
		catch (CertificateEncodingException | OperatorCreationException | OCSPException ex) {
			throw new IllegalStateException("cannot read the OCSP signing certificate", ex);
		}
	}

	public X509Certificate certificate() {
		return this.certificate;
	}

	public RespID responderId() {
		return this.responderId;
	}

	/**
	 * Sign a response; the signing certificate goes along in {@code certs} so clients can
	 * check the delegation (section 4.2.1).
	 */
	public BasicOCSPResp sign(BasicOCSPRespBuilder response, java.util.Date producedAt) {
		try {
			return response.build(
					new JcaContentSignerBuilder(this.algorithm.signatureAlgorithm()).build(this.privateKey),
					new X509CertificateHolder[] { this.holder }, producedAt);
		}
		catch (OperatorCreationException | OCSPException ex) {
			throw new IllegalStateException("cannot sign an OCSP response", ex);
		}
	}

}
