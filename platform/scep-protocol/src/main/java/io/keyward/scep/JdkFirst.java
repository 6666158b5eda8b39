package io.keyward.scep;

import java.security.PublicKey;

import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * Signature checks on the JDK's providers first. Bouncy Castle's RSA validates every
 * public modulus it has not seen with a Miller-Rabin test: a full-size modular
 * exponentiation, 6 % of the gateway's CPU per enrollment (docs/performance-notes.md),
 * where the JDK does not. A check the JDK cannot make or does not pass is left to the
 * Bouncy Castle path of the caller, which keeps the last word, so what was accepted
 * before (odd signature OIDs, curves the JDK dropped) still is.
 */
final class JdkFirst {

	private JdkFirst() {
	}

	/**
	 * @return true when the JDK verified the SignerInfo; false when it could not or the
	 * signature failed (the caller then asks Bouncy Castle)
	 */
	static boolean verifies(SignerInformation signer, PublicKey key) {
		try {
			return signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(key));
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
				.isSignatureValid(new JcaContentVerifierProviderBuilder().build(request.getSubjectPublicKeyInfo()));
		}
		catch (Exception ex) {
			return false;
		}
	}

}
