package io.keyward.admin.account;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/**
 * Looks admins up for the login form: the account's role becomes its one authority
 * ({@code ROLE_ADMINISTRATOR}, ...), and a disabled account cannot sign in.
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
			.map((user) -> User.withUsername(user.username())
				.password(user.passwordHash())
				.authorities(user.role().authority())
				.disabled(!user.enabled())
				.build())
			.orElseThrow(() -> new UsernameNotFoundException("no such admin"));
	}

}
