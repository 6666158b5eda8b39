package io.keyward.ca.issuance;

import org.springframework.data.repository.Repository;

interface CertificateRequestRepository extends Repository<CertificateRequestRecord, Long> {

	CertificateRequestRecord save(CertificateRequestRecord request);

}
