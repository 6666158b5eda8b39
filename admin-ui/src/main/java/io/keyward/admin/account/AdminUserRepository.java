package io.keyward.admin.account;

import java.time.Instant;
import java.util.Optional;

import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

interface AdminUserRepository extends Repository<AdminUser, Long> {

	Optional<AdminUser> findByUsername(String username);

	long count();

	AdminUser save(AdminUser user);

	/**
	 * Insert unless the username is taken. Two instances starting at once against an
	 * empty database both try; the unique constraint lets exactly one row in and the
	 * loser sees 0, so only the winner announces a password.
	 * @return 1 when this call created the user, 0 when it already existed
	 */
	@Transactional
	@Modifying
	@Query(value = """
			insert into {h-schema}admin_user (username, password_hash, created_at)
			values (:username, :passwordHash, :createdAt)
			on conflict (username) do nothing""", nativeQuery = true)
	int insertIfAbsent(@Param("username") String username, @Param("passwordHash") String passwordHash,
			@Param("createdAt") Instant createdAt);

}
