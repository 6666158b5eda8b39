package io.keyward.challenge.apiclient;

import java.time.Instant;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

interface ApiClientRepository extends JpaRepository<ApiClient, Long> {

	Optional<ApiClient> findByKeyHash(String keyHash);

	/**
	 * Insert unless a client with that name or key already exists: two instances starting
	 * together on an empty database create one bootstrap client, not two.
	 * @return 1 when this call created the client, 0 when it already existed
	 */
	@Transactional
	@Modifying
	@Query(value = """
			insert into {h-schema}api_client (name, key_hash, scopes, created_at)
			values (:name, :keyHash, :scopes, :createdAt)
			on conflict do nothing""", nativeQuery = true)
	int insertIfAbsent(String name, String keyHash, String scopes, Instant createdAt);

}
