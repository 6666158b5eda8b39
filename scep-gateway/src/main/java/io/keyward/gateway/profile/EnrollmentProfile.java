package io.keyward.gateway.profile;

import java.time.Duration;
import java.util.Set;

import io.keyward.scep.CertRepEncoder;
import io.keyward.scep.ScepAlgorithms;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/**
 * A named enrollment profile: the path segment devices enroll through and what it asks of
 * the CA.
 *
 * @param name the profile name ({@code /scep/<name>})
 * @param defaultTemplate the certificate template used when the challenge-service does
 * not name one
 * @param legacySingleDes whether requests enveloped with single DES are accepted
 * @param omittedEnvelope how FAILURE and PENDING replies leave out the pkcsPKIEnvelope
 * @param whenUnavailable what devices are answered while an upstream service is
 * unavailable
 * @param approval whether an admin must approve each request first
 * @param approvalMaxAge how long a request may wait for that approval
 * @param renewal when certificates are renewed without a challenge
 * @param certRepIncludesCa whether a SUCCESS CertRep carries the CA chain too
 * @param caCertificates which certificates GetCACert answers
 * @param enforcePassword whether an enrollment needs a challenge (NDES
 * {@code EnforcePassword})
 */
public record EnrollmentProfile(String name, String defaultTemplate, boolean legacySingleDes,
		CertRepEncoder.OmittedEnvelope omittedEnvelope, WhenUnavailable whenUnavailable, Approval approval,
		Duration approvalMaxAge, RenewalPolicy renewal, boolean certRepIncludesCa, CaCertificateSet caCertificates,
		boolean enforcePassword) {

	/**
	 * @return the content encryption algorithms accepted from devices on this profile
	 */
	public Set<ASN1ObjectIdentifier> acceptedCiphers() {
		return this.legacySingleDes ? ScepAlgorithms.withLegacySingleDes() : ScepAlgorithms.CONTENT_CIPHERS;
	}

}
