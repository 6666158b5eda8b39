package io.keyward.gateway.ra;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface RaKeyRepository extends JpaRepository<RaKey, UUID> {

	Optional<RaKey> findByPurposeAndState(String purpose, String state);

	List<RaKey> findByStateOrderByPurposeAscCreatedAtDesc(String state);

}
