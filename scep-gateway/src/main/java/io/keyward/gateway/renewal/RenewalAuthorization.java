package io.keyward.gateway.renewal;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;

import io.keyward.api.SerialNumbers;
import io.keyward.gateway.profile.EnrollmentProfile;
import io.keyward.gateway.scep.CaCertificateChain;
import io.keyward.scep.FailInfo;
import io.keyward.scep.MessageType;
import io.keyward.scep.PkiRequest;

import org.springframework.stereotype.Component;

/**
 * Decides whether a request is a renewal and whether its signer certificate authorises it
 * (RFC 8894 sections 2.3 and 2.5). The decision is taken on the signer certificate, not
 * on the messageType alone: certmonger renews with a PKCSReq signed by the old
 * certificate, only when {@code Renewal} is advertised; a RenewalReq is always a renewal.
 * <p>
 * A renewal needs a signer certificate issued by this CA (its signature verifies with the
 * CA's public key, or a previous CA's after a rollover), valid now and inside the
 * profile's renewal window; the revocation check is the ca-adapter's, at issuance.
 * Refusals: a certificate this CA did not issue is one "no certificate could be
 * identified" for, {@code badCertId} (section 3.2.1.4); everything else is a transaction
 * "not permitted", {@code badRequest}.
 */
@Component
public class RenewalAuthorization {

	private final CaCertificateChain caChain;

	private final Clock clock;

	RenewalAuthorization(CaCertificateChain caChain, Clock clock) {
		this.caChain = caChain;
		this.clock = clock;
	}

	/**
	 * @param profile the profile the request arrived on
	 * @param request a verified, decrypted PKCSReq or RenewalReq
	 * @return whether it is a renewal, and if so whether it may proceed
	 */
	public RenewalDecision decide(EnrollmentProfile profile, PkiRequest request) {
		X509Certificate signer = request.signerCertificate();
		boolean renewalReq = request.messageType().orElse(null) == MessageType.RENEWAL_REQ;
		if (!renewalReq && (!profile.renewal().enabled() || selfSigned(signer) || !namesOurCa(signer))) {
			// a self-signed (RFC 8894 section 2.3 case 1) or foreign signer: the
			// challenge authorises, as before
			return new RenewalDecision.Enrollment();
		}
		String serial = SerialNumbers.key(signer.getSerialNumber());
		if (!profile.renewal().enabled()) {
			return new RenewalDecision.Refused(serial, FailInfo.BAD_REQUEST,
					"renewal is not enabled on profile " + profile.name(), "disabled");
		}
		if (!issuedByUs(signer)) {
			return new RenewalDecision.Refused(serial, FailInfo.BAD_CERT_ID,
					"the signer certificate was not issued by this CA", "not_issued_by_us");
		}
		Instant now = this.clock.instant();
		if (now.isAfter(signer.getNotAfter().toInstant())) {
			return new RenewalDecision.Refused(serial, FailInfo.BAD_REQUEST,
					"the certificate to renew expired at " + signer.getNotAfter().toInstant(), "expired");
		}
		if (now.isBefore(signer.getNotBefore().toInstant())) {
			return new RenewalDecision.Refused(serial, FailInfo.BAD_REQUEST,
					"the certificate to renew is not valid before " + signer.getNotBefore().toInstant(),
					"not_yet_valid");
		}
		Instant opens = profile.renewal().opensAt(signer);
		if (now.isBefore(opens)) {
			return new RenewalDecision.Refused(serial, FailInfo.BAD_REQUEST,
					"the certificate cannot be renewed before " + opens, "outside_window");
		}
		return new RenewalDecision.Authorized(serial);
	}

	/** Decided without the CA chain, so a first enrollment never waits for it. */
	private static boolean selfSigned(X509Certificate signer) {
		return signer.getIssuerX500Principal().equals(signer.getSubjectX500Principal());
	}

	private boolean namesOurCa(X509Certificate signer) {
		return this.caChain.issuers()
			.stream()
			.anyMatch((ca) -> signer.getIssuerX500Principal().equals(ca.getSubjectX500Principal()));
	}

	/**
	 * Signed by the issuing CA, or by a previous one after a CA rollover (RFC 8894
	 * section 4.7): its certificates renew while they are valid.
	 */
	private boolean issuedByUs(X509Certificate signer) {
		if (selfSigned(signer)) {
			return false;
		}
		for (X509Certificate ca : this.caChain.issuers()) {
			if (signer.getIssuerX500Principal().equals(ca.getSubjectX500Principal()) && verifies(signer, ca)) {
				return true;
			}
		}
		return false;
	}

	private static boolean verifies(X509Certificate signer, X509Certificate ca) {
		try {
			signer.verify(ca.getPublicKey());
			return true;
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			return false;
		}
	}

}
