package io.keyward.gateway.enrollment;

import java.util.Optional;

import io.keyward.scep.CertRep;

/**
 * One step of handling a PKCSReq. A step either lets the enrollment continue (empty) or
 * answers it (a SUCCESS or FAILURE CertRep), which ends the chain.
 */
interface EnrollmentStep {

	Optional<CertRep> process(Enrollment enrollment);

}
