package io.keyward.gateway.transaction;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface ScepTransactionRepository extends JpaRepository<ScepTransaction, UUID> {

	/**
	 * Insert unless a row for the profile and transactionID exists. A concurrent insert
	 * of the same key waits here until the other database transaction ends.
	 * @return 1 when inserted, 0 when it already existed
	 */
	@Modifying
	@Query(nativeQuery = true, value = """
			insert into transaction (id, profile, transaction_id, message_type, signer_key_sha256, csr_sha256,
			    subject, status, created_at, updated_at)
			values (:id, :profile, :transactionId, :messageType, :signerKeySha256, :csrSha256,
			    :subject, 'RECEIVED', :now, :now)
			on conflict (profile, transaction_id) do nothing
			""")
	int insertIfAbsent(@Param("id") UUID id, @Param("profile") String profile,
			@Param("transactionId") String transactionId, @Param("messageType") String messageType,
			@Param("signerKeySha256") String signerKeySha256, @Param("csrSha256") String csrSha256,
			@Param("subject") String subject, @Param("now") Instant now);

	/**
	 * {@code select ... for update}: the row stays locked until the enrollment's database
	 * transaction ends, so identical concurrent requests are served one after the other.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select t from ScepTransaction t where t.profile = :profile and t.transactionId = :transactionId")
	Optional<ScepTransaction> lock(@Param("profile") String profile, @Param("transactionId") String transactionId);

	@Query("select t from ScepTransaction t order by t.createdAt desc, t.id")
	Page<ScepTransaction> newestFirst(Pageable pageable);

}
