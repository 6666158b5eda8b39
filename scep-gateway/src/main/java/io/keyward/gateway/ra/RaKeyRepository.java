package io.keyward.gateway.ra;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface RaKeyRepository extends JpaRepository<RaKey, java.util.UUID> {

	Optional<RaKey> findByPurpose(String purpose);

}
