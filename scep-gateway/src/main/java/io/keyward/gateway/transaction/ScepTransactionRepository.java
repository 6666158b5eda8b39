package io.keyward.gateway.transaction;

import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ScepTransactionRepository extends JpaRepository<ScepTransaction, UUID> {

	@Query("select t from ScepTransaction t order by t.createdAt desc, t.id")
	Page<ScepTransaction> newestFirst(Pageable pageable);

	@Query("select t from ScepTransaction t where t.status = :status order by t.createdAt desc, t.id")
	Page<ScepTransaction> newestFirst(TransactionStatus status, Pageable pageable);

	/**
	 * A transactionID's transactions on a profile: one, or a first enrollment and the
	 * renewals under the same transactionID (certmonger derives it from the key).
	 */
	@Query("select t from ScepTransaction t where t.profile = :profile and t.transactionId = :transactionId "
			+ "order by t.createdAt desc, t.id")
	Page<ScepTransaction> withTransactionId(String profile, String transactionId, Pageable pageable);

}
