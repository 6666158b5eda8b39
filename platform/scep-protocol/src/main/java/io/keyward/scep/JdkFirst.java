package io.keyward.scep;

import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.jcajce.io.OutputStreamFactory;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * Signature checks on the JDK's providers first (the native provider where it is
 * installed). A check the JDK cannot make or does not pass is left to the Bouncy Castle
 * path of the caller, which keeps the last word, so what was accepted before (odd
 * signature OIDs, curves the JDK dropped) still is.
 * <p>
 * Two things of Bouncy Castle's own JCA verifier builders are left out because they cost
 * CPU on every enrollment (docs/performance-notes.md): Bouncy Castle's RSA validates
 * every public modulus it has not seen with a Miller-Rabin test, and its JCA content
 * verifier checks every RSA signature a second time as a raw {@code NONEwithRSA}
 * signature (for DigestInfo encodings without the NULL parameter), which no provider but
 * the JDK's pure Java one offers. Both checks stay available in the Bouncy Castle
 * fallback.
 */
final class JdkFirst {

	private static final DefaultAlgorithmNameFinder ALGORITHM_NAMES = new DefaultAlgorithmNameFinder();

	private static final DefaultCMSSignatureAlgorithmNameGenerator CMS_SIGNATURE_NAMES = new DefaultCMSSignatureAlgorithmNameGenerator();

	private static final DefaultSignatureAlgorithmIdentifierFinder SIGNATURE_ALGORITHMS = new DefaultSignatureAlgorithmIdentifierFinder();

	/** Stateless: a fresh digest per check. */
	private static final DigestCalculatorProvider DIGESTS = digests();

	private JdkFirst() {
	}

	/**
	 * @return true when the JDK verified the SignerInfo; false when it could not or the
	 * signature failed (the caller then asks Bouncy Castle)
	 */
	static boolean verifies(SignerInformation signer, PublicKey key) {
		try {
			return signer.verify(new SignerInformationVerifier(CMS_SIGNATURE_NAMES, SIGNATURE_ALGORITHMS,
					new PlainVerifiers(key), DIGESTS));
		}
		catch (Exception ex) {
			return false;
		}
	}

	/**
	 * @return true when the JDK verified the PKCS#10 self-signature
	 */
	static boolean verifies(PKCS10CertificationRequest request) {
		try {
			return request
				.isSignatureValid(new PlainVerifiers(new JcaPKCS10CertificationRequest(request).getPublicKey()));
		}
		catch (Exception ex) {
			return false;
		}
	}

	private static DigestCalculatorProvider digests() {
		try {
			return new JcaDigestCalculatorProviderBuilder().build();
		}
		catch (OperatorCreationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	/**
	 * One {@link Signature} of the highest-priority provider per check, for a public key
	 * rather than a certificate (validity is the caller's policy).
	 */
	private record PlainVerifiers(PublicKey key) implements ContentVerifierProvider {

		@Override
		public boolean hasAssociatedCertificate() {
			return false;
		}

		@Override
		public X509CertificateHolder getAssociatedCertificate() {
			return null;
		}

		@Override
		public ContentVerifier get(AlgorithmIdentifier algorithm) throws OperatorCreationException {
			if (!ALGORITHM_NAMES.hasAlgorithmName(algorithm.getAlgorithm())) {
				throw new OperatorCreationException("no JCA name for " + algorithm.getAlgorithm());
			}
			try {
				Signature signature = Signature.getInstance(ALGORITHM_NAMES.getAlgorithmName(algorithm));
				signature.initVerify(this.key);
				return new PlainVerifier(algorithm, signature);
			}
			catch (GeneralSecurityException ex) {
				throw new OperatorCreationException("the JDK cannot verify " + algorithm.getAlgorithm(), ex);
			}
		}

	}

	private record PlainVerifier(AlgorithmIdentifier algorithm, Signature signature) implements ContentVerifier {

		@Override
		public AlgorithmIdentifier getAlgorithmIdentifier() {
			return this.algorithm;
		}

		@Override
		public OutputStream getOutputStream() {
			return OutputStreamFactory.createStream(this.signature);
		}

		@Override
		public boolean verify(byte[] expected) {
			try {
				return this.signature.verify(expected);
			}
			catch (SignatureException ex) {
				return false;
			}
		}

	}

}
