package io.keyward.admin.account;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import io.keyward.edge.log.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every request of a signed-in dashboard admin is checked against the account as stored
 * now, not as it was at sign-in: a disabled (or vanished) account's session ends and the
 * request is sent to the login page; a changed role applies from this request on; an
 * account still holding its one-time initial password reaches only the password page (and
 * sign-out) until it has chosen its own. One indexed read per request, and it holds
 * across instances, which in-memory session lists would not.
 */
public class AccountStateFilter extends OncePerRequestFilter {

	static final String PASSWORD_PAGE = "/account/password";

	private static final Set<String> OPEN_WHILE_PASSWORD_MUST_CHANGE = Set.of(PASSWORD_PAGE, "/logout", "/error");

	private static final Logger log = LoggerFactory.getLogger(AccountStateFilter.class);

	private final AdminAccounts accounts;

	public AccountStateFilter(AdminAccounts accounts) {
		this.accounts = accounts;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !(authentication.getPrincipal() instanceof UserDetails user)) {
			chain.doFilter(request, response);
			return;
		}
		Optional<AdminAccount> account = this.accounts.find(user.getUsername());
		if (account.isEmpty() || !account.get().enabled()) {
			log.info("event=admin_session_refused username={} reason=account_disabled",
					LogText.printable(user.getUsername()));
			SecurityContextHolder.clearContext();
			HttpSession session = request.getSession(false);
			if (session != null) {
				session.invalidate();
			}
			response.sendRedirect(request.getContextPath() + "/login?disabled");
			return;
		}
		List<GrantedAuthority> current = List.of(new SimpleGrantedAuthority(account.get().role().authority()));
		if (!AuthorityUtils.authorityListToSet(authentication.getAuthorities())
			.equals(AuthorityUtils.authorityListToSet(current))) {
			// this request only: the next one reads the account again
			SecurityContext refreshed = SecurityContextHolder.createEmptyContext();
			refreshed.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, current));
			SecurityContextHolder.setContext(refreshed);
		}
		if (account.get().mustChangePassword() && !passwordChangeAllowed(request)) {
			response.sendRedirect(request.getContextPath() + PASSWORD_PAGE + "?required");
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean passwordChangeAllowed(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return OPEN_WHILE_PASSWORD_MUST_CHANGE.contains(path) || path.startsWith("/css/")
				|| path.equals("/favicon.ico");
	}

}
