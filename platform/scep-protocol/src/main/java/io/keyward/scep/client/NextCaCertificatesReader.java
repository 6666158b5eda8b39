package io.keyward.scep.client;

import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;

import io.keyward.scep.CertificatesOnly;
import io.keyward.scep.MalformedMessageException;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Reads a GetNextCACert answer as a client must (RFC 8894 section 4.7.1: "Clients MUST
 * validate the signature on the message before trusting any of its contents"): the
 * signature must verify with the signing certificate the client already trusts, then the
 * inner certificates-only SignedData gives the next CA certificates.
 */
public final class NextCaCertificatesReader {

	private NextCaCertificatesReader() {
	}

	/**
	 * @param der the {@code application/x-x509-next-ca-cert} body
	 * @param trustedSigner the RA signing certificate from GetCACert
	 * @return the next CA certificates, in their encoded order
	 * @throws MalformedMessageException when it is not a SignedData with content, or the
	 * signature does not verify with {@code trustedSigner}
	 */
	public static List<X509Certificate> read(byte[] der, X509Certificate trustedSigner)
			throws MalformedMessageException {
		CMSSignedData signed;
		try {
			signed = new CMSSignedData(der);
		}
		catch (CMSException | RuntimeException ex) {
			throw new MalformedMessageException("not a SignedData", ex);
		}
		if (!(signed.getSignedContent() instanceof CMSProcessableByteArray content)) {
			throw new MalformedMessageException("the SignedData carries no content");
		}
		Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
		if (signers.size() != 1 || !verifies(signers.iterator().next(), trustedSigner)) {
			throw new MalformedMessageException("the GetNextCACert answer is not signed by the trusted signer");
		}
		return CertificatesOnly.decode((byte[]) content.getContent());
	}

	private static boolean verifies(SignerInformation signer, X509Certificate trusted) {
		try {
			return signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(trusted));
		}
		catch (CMSException | OperatorCreationException | RuntimeException ex) {
			return false;
		}
	}

}
