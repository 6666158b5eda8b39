package io.keyward.gateway.ra;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface RaKeyRepository extends JpaRepository<RaKey, UUID> {

	Optional<RaKey> findByPurpose(String purpose);

}
