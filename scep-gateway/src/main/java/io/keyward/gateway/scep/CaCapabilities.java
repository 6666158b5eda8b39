package io.keyward.gateway.scep;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.keyward.gateway.profile.EnrollmentProfile;
import io.keyward.gateway.profile.ServedMessageTypes;
import io.keyward.scep.CaCapability;
import io.keyward.scep.MessageType;
import io.keyward.edge.log.LogText;
import org.bouncycastle.cms.CMSAlgorithm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

/**
 * GetCACaps per profile (RFC 8894 section 3.5.2), advertising exactly what is served:
 * {@code Renewal} only where {@link ServedMessageTypes} has RenewalReq, a cipher only
 * where the profile accepts it. SHA-1, DES3 and SHA-512 are listed explicitly because
 * Apple does not expand {@code SCEPStandard}. {@code GetNextCACert} is listed exactly
 * while a next CA certificate is prepared (RFC 8894 section 4.7), which is when
 * GetNextCACert answers.
 */
@Component
class CaCapabilities {

	private static final Logger log = LoggerFactory.getLogger(CaCapabilities.class);

	private final CaCertificateChain caChain;

	CaCapabilities(CaCertificateChain caChain) {
		this.caChain = caChain;
	}

	/**
	 * @param profile the profile asked
	 * @return the capabilities in the order they are sent
	 */
	List<CaCapability> of(EnrollmentProfile profile) {
		Set<MessageType> served = ServedMessageTypes.of(profile);
		List<CaCapability> caps = new ArrayList<>();
		caps.add(CaCapability.POST_PKI_OPERATION);
		if (nextCaPrepared()) {
			caps.add(CaCapability.GET_NEXT_CA_CERT);
		}
		if (served.contains(MessageType.RENEWAL_REQ)) {
			caps.add(CaCapability.RENEWAL);
		}
		// digests the decoder accepts and a CertRep mirrors (ScepAlgorithms.replyDigest)
		caps.add(CaCapability.SHA_256);
		caps.add(CaCapability.SHA_512);
		caps.add(CaCapability.SHA_1);
		if (profile.acceptedCiphers().contains(CMSAlgorithm.AES128_CBC)) {
			caps.add(CaCapability.AES);
		}
		if (profile.acceptedCiphers().contains(CMSAlgorithm.DES_EDE3_CBC)) {
			caps.add(CaCapability.DES3);
		}
		// SCEPStandard means AES, POSTPKIOperation and SHA-256 (section 3.5.2)
		if (caps.containsAll(List.of(CaCapability.AES, CaCapability.POST_PKI_OPERATION, CaCapability.SHA_256))) {
			caps.add(CaCapability.SCEP_STANDARD);
		}
		return List.copyOf(caps);
	}

	/**
	 * GetCACaps needs no upstream service otherwise: while the ca-adapter cannot be
	 * reached (and nothing is cached) no next CA is advertised, the rest is.
	 */
	private boolean nextCaPrepared() {
		try {
			return this.caChain.next().isPresent();
		}
		catch (RestClientException ex) {
			log.warn("event=ca_unreachable detail=\"{}\"", LogText.printable(ex.toString()));
			return false;
		}
	}

	/**
	 * @param profile the profile asked
	 * @return the {@code text/plain} GetCACaps body
	 */
	byte[] body(EnrollmentProfile profile) {
		return CaCapability.render(of(profile)).getBytes(StandardCharsets.US_ASCII);
	}

}
