package io.keyward.gateway.enrollment;

import java.util.Optional;

import io.keyward.scep.CertRep;
import io.keyward.scep.CertificationRequest;
import io.keyward.scep.FailInfo;
import io.keyward.scep.InvalidRequestException;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The messageData of a PKCSReq is a PKCS#10 request (RFC 8894 section 3.3.1) whose
 * self-signature must verify and which must carry the challengePassword that authorises
 * it (section 2.4), unless the profile does not enforce one (NDES {@code EnforcePassword}
 * 0). A renewal, authorised by its signer certificate instead, has been parsed by
 * {@link RenewalStep}.
 */
@Component
@Order(4)
class CsrStep implements EnrollmentStep {

	@Override
	public Optional<CertRep> process(Enrollment enrollment) {
		if (enrollment.renewalOf() != null) {
			return Optional.empty();
		}
		CertificationRequest csr;
		try {
			csr = CertificationRequest.parse(enrollment.request().messageData());
		}
		catch (InvalidRequestException ex) {
			return Optional.of(enrollment.refuse(FailInfo.BAD_REQUEST, "invalid PKCS#10 request"));
		}
		if (enrollment.profile().enforcePassword()
				&& csr.challengePassword().filter((challenge) -> !challenge.isBlank()).isEmpty()) {
			return Optional.of(enrollment.refuse(FailInfo.BAD_REQUEST, "challengePassword missing"));
		}
		enrollment.csr(csr);
		return Optional.empty();
	}

}
