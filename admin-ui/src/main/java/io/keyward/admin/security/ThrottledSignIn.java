package io.keyward.admin.security;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * The sign-in form's password check behind {@link SignInThrottle}: a locked account or
 * address is refused before its password is looked at, so during a lock the right
 * password gets the same answer as a wrong one, and that answer says to wait.
 */
@Component
class ThrottledSignIn implements AuthenticationProvider {

	private final DaoAuthenticationProvider passwords;

	private final SignInThrottle throttle;

	ThrottledSignIn(UserDetailsService users, PasswordEncoder passwordEncoder, SignInThrottle throttle) {
		this.passwords = new DaoAuthenticationProvider(users);
		this.passwords.setPasswordEncoder(passwordEncoder);
		this.throttle = throttle;
	}

	/**
	 * @return the dashboard's authentication manager, publishing sign-in events (for the
	 * audit log) as Spring Security's own would
	 */
	AuthenticationManager manager(AuthenticationEventPublisher events) {
		ProviderManager manager = new ProviderManager(this);
		manager.setAuthenticationEventPublisher(events);
		return manager;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String account = authentication.getName();
		String address = (authentication.getDetails() instanceof WebAuthenticationDetails details)
				? details.getRemoteAddress() : null;
		Optional<Duration> locked = this.throttle.lockedFor(account, address);
		if (locked.isPresent()) {
			throw new SignInThrottled(locked.get(), false);
		}
		try {
			Authentication signedIn = this.passwords.authenticate(authentication);
			this.throttle.succeeded(account);
			return signedIn;
		}
		catch (BadCredentialsException ex) {
			Optional<Duration> lockedNow = this.throttle.failed(account, address);
			if (lockedNow.isPresent()) {
				throw new SignInThrottled(lockedNow.get(), true);
			}
			throw ex;
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

	/**
	 * Back to the sign-in page: {@code ?error} after a wrong password,
	 * {@code ?wait=<minutes>} during a lock.
	 */
	static AuthenticationFailureHandler failureHandler() {
		return (HttpServletRequest request, HttpServletResponse response, AuthenticationException ex) -> {
			String query = (ex instanceof SignInThrottled throttled) ? "wait=" + minutes(throttled.waitFor()) : "error";
			redirect(request, response, "/login?" + query);
		};
	}

	private static long minutes(Duration wait) {
		return Math.max(1, (wait.toSeconds() + 59) / 60);
	}

	private static void redirect(HttpServletRequest request, HttpServletResponse response, String path)
			throws IOException {
		response.sendRedirect(response.encodeRedirectURL(request.getContextPath() + path));
	}

}
