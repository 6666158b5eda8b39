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

}
