package io.keyward.admin.security;

import io.keyward.admin.token.AdminTokenPrincipal;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is acting, as recorded with every state-changing action: {@code admin:<user>} for a
 * signed-in dashboard admin, {@code token:<name>} for an admin API token.
 */
public final class Actor {

	private Actor() {
	}

	public static String current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null) {
			throw new IllegalStateException("no authenticated caller");
		}
		if (authentication.getPrincipal() instanceof AdminTokenPrincipal token) {
			return token.toString();
		}
		return "admin:" + authentication.getName();
	}

}
