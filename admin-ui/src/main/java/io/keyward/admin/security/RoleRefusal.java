package io.keyward.admin.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.keyward.admin.audit.AdminActions;
import io.keyward.edge.log.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfException;

/**
 * A dashboard admin whose role may not make a change gets the error page with status 403
 * and a sentence naming the role, not the CSRF page's advice to reload the form. A
 * missing or stale CSRF token keeps Spring Security's answer. Each refusal is an audit
 * record: someone tried a change their role does not allow.
 */
final class RoleRefusal {

	/** The request attribute the error page shows as its detail. */
	static final String DETAIL = "detail";

	private static final Logger log = LoggerFactory.getLogger(RoleRefusal.class);

	private RoleRefusal() {
	}

	static AccessDeniedHandler handler(AdminActions actions) {
		AccessDeniedHandler csrf = new AccessDeniedHandlerImpl();
		return (request, response, denied) -> {
			if (denied instanceof CsrfException) {
				csrf.handle(request, response, denied);
				return;
			}
			refuse(request, response, actions);
		};
	}

	private static void refuse(HttpServletRequest request, HttpServletResponse response, AdminActions actions)
			throws IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		String role = (authentication != null) ? authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.map((authority) -> authority.replaceFirst("^ROLE_", ""))
			.findFirst()
			.orElse("none") : "none";
		String name = (authentication != null) ? authentication.getName() : "";
		log.info("event=admin_action_refused username={} role={} method={} path={}", LogText.printable(name), role,
				request.getMethod(), LogText.printable(request.getRequestURI()));
		actions.record("admin:" + name, "admin_action_refused", "path:" + request.getRequestURI(),
				"method=" + request.getMethod() + " role=" + role);
		request.setAttribute(DETAIL, "Your role (" + role + ") may read this dashboard but not make this change. "
				+ "Ask an administrator.");
		response.sendError(HttpServletResponse.SC_FORBIDDEN);
	}

}
