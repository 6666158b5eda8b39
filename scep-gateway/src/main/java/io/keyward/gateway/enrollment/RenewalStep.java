package io.keyward.gateway.enrollment;

import java.util.Optional;

import io.keyward.gateway.renewal.RenewalAuthorization;
import io.keyward.gateway.renewal.RenewalDecision;
import io.keyward.scep.CertRep;
import io.keyward.scep.CertificationRequest;
import io.keyward.scep.FailInfo;
import io.keyward.scep.InvalidRequestException;
import io.keyward.scep.MessageType;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A RenewalReq, or a PKCSReq signed with a certificate of this CA, is authorised by that
 * certificate and its key instead of a challenge (RFC 8894 sections 2.4 and 2.5; the
 * challengePassword a renewal MAY repeat is ignored): refused here when the certificate
 * cannot authorise it ({@link RenewalAuthorization}), otherwise its PKCS#10 is parsed
 * (the self-signature that proves possession of the new key must verify, section 7.6) and
 * the enrollment continues as a renewal of that certificate.
 */
@Component
@Order(3)
class RenewalStep implements EnrollmentStep {

	private final RenewalAuthorization authorization;

	RenewalStep(RenewalAuthorization authorization) {
		this.authorization = authorization;
	}

	@Override
	public Optional<CertRep> process(Enrollment enrollment) {
		MessageType type = enrollment.request().messageType().orElse(null);
		if (type != MessageType.PKCS_REQ && type != MessageType.RENEWAL_REQ) {
			return Optional.empty();
		}
		return switch (this.authorization.decide(enrollment.profile(), enrollment.request())) {
			case RenewalDecision.Enrollment enrollmentOnly -> Optional.empty();
			case RenewalDecision.Refused refused -> {
				enrollment.renewal(refused.serial(), refused.cause());
				yield Optional.of(enrollment.refuse(refused.failInfo(), refused.reason()));
			}
			case RenewalDecision.Authorized authorized -> {
				try {
					enrollment.csr(CertificationRequest.parse(enrollment.request().messageData()));
				}
				catch (InvalidRequestException ex) {
					enrollment.renewal(authorized.serial(), "invalid_csr");
					yield Optional.of(enrollment.refuse(FailInfo.BAD_REQUEST, "invalid PKCS#10 request"));
				}
				enrollment.renewal(authorized.serial(), null);
				yield Optional.empty();
			}
		};
	}

}
