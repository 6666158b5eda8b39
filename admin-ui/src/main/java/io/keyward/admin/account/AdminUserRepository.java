package io.keyward.admin.account;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

interface AdminUserRepository extends Repository<AdminUser, Long> {

	Optional<AdminUser> findByUsername(String username);

	List<AdminUser> findAllByOrderByUsername();

	long count();

	long countByRoleAndDisabledAtIsNull(AdminRole role);

	AdminUser save(AdminUser user);

	/**
	 * The enabled administrators, locked until the transaction ends: two admins demoting
	 * or disabling the last two administrators at once take turns, and the second sees
	 * the first's change (PostgreSQL re-reads a locked row that changed), so at least one
	 * administrator is always left.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select u from AdminUser u where u.role = io.keyward.admin.account.AdminRole.ADMINISTRATOR "
			+ "and u.disabledAt is null")
	List<AdminUser> lockEnabledAdministrators();

	/**
	 * Insert unless the username is taken. Two instances starting at once against an
	 * empty database both try; the unique constraint lets exactly one row in and the
	 * loser sees 0, so only the winner announces a password.
	 * @return 1 when this call created the user, 0 when it already existed
	 */
	default int insertIfAbsent(String username, String passwordHash, Instant createdAt) {
		return insertIfAbsent(username, passwordHash, createdAt, AdminRole.ADMINISTRATOR.name(),
				InitialAdmin.CREATED_BY, false);
	}

	/**
	 * Insert unless the username is taken (two administrators creating the same name at
	 * once: one wins, the other is told).
	 * @return 1 when this call created the user, 0 when the name was taken
	 */
	@Transactional
	@Modifying
	@Query(value = """
			insert into {h-schema}admin_user
			    (username, password_hash, created_at, role, created_by, must_change_password)
			values (:username, :passwordHash, :createdAt, :role, :createdBy, :mustChange)
			on conflict (username) do nothing""", nativeQuery = true)
	int insertIfAbsent(@Param("username") String username, @Param("passwordHash") String passwordHash,
			@Param("createdAt") Instant createdAt, @Param("role") String role, @Param("createdBy") String createdBy,
			@Param("mustChange") boolean mustChange);

}
