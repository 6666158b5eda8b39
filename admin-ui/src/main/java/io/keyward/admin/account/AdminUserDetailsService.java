package io.keyward.admin.account;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/**
 * Looks admins up for the login form. Every admin has the single role {@code ADMIN}.
 */
@Service
class AdminUserDetailsService implements UserDetailsService {

	private final AdminUserRepository users;

	AdminUserDetailsService(AdminUserRepository users) {
		this.users = users;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		return this.users.findByUsername(username)
			.map((user) -> User.withUsername(user.username()).password(user.passwordHash()).roles("ADMIN").build())
			.orElseThrow(() -> new UsernameNotFoundException("no such admin"));
	}

}
