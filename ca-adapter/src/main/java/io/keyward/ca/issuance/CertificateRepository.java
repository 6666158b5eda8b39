package io.keyward.ca.issuance;

import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.Repository;

interface CertificateRepository extends Repository<CertificateRecord, Long> {

	CertificateRecord save(CertificateRecord certificate);

	Optional<CertificateRecord> findBySerial(String serial);

	Page<CertificateRecord> findAll(Pageable pageable);

}
