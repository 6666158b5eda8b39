package io.keyward.ca.authority;

import java.time.Instant;
import java.util.Optional;

import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

interface CaRecordRepository extends Repository<CaRecord, Long> {

	@Transactional(readOnly = true)
	Optional<CaRecord> findByName(String name);

	/**
	 * Insert unless a CA of that name exists: when two instances create the CA at the
	 * same moment, exactly one insert wins on the unique name and the other returns 0.
	 * @return 1 when this call created the row, 0 when another one already had (conflict
	 * on any unique index: two instances inserting at once may collide on the
	 * lineage-and-generation index before the name's, which {@code on conflict (name)}
	 * would raise as an error)
	 */
	@Transactional
	@Modifying
	@Query(value = """
			insert into ca.certificate_authority (name, lineage, subject, key_algorithm, certificate_der,
			    certificate_pem, sealed_private_key, not_before, not_after, created_at)
			values (:name, :name, :subject, :keyAlgorithm, :certificateDer, :certificatePem, :sealedPrivateKey,
			    :notBefore, :notAfter, :createdAt)
			on conflict do nothing""", nativeQuery = true)
	int insertIfAbsent(@Param("name") String name, @Param("subject") String subject,
			@Param("keyAlgorithm") String keyAlgorithm, @Param("certificateDer") byte[] certificateDer,
			@Param("certificatePem") String certificatePem, @Param("sealedPrivateKey") byte[] sealedPrivateKey,
			@Param("notBefore") Instant notBefore, @Param("notAfter") Instant notAfter,
			@Param("createdAt") Instant createdAt);

}
