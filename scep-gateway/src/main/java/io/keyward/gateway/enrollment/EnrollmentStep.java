package io.keyward.gateway.enrollment;

import java.util.Optional;

import io.keyward.scep.CertRep;

/**
 * One step of handling a PKCSReq or CertPoll. A step either lets the enrollment continue
 * (empty) or answers it (a SUCCESS, FAILURE or PENDING CertRep), which ends the chain.
 */
interface EnrollmentStep {

	Optional<CertRep> process(Enrollment enrollment);

}
