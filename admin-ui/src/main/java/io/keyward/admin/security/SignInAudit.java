package io.keyward.admin.security;

import io.keyward.admin.audit.AdminActions;
import io.keyward.edge.log.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Who signed in to the PKI dashboard, who failed, and who signed out: a log line and an
 * audit record each. Never the password; the username is typed by whoever is at the form,
 * so control characters are neutralised before it reaches the log, and a failed sign-in's
 * actor is the client address, not the name it typed. Attempts refused during a lock are
 * logged but not recorded: the failure that started the lock was.
 */
@Component
class SignInAudit {

	private static final Logger log = LoggerFactory.getLogger(SignInAudit.class);

	private static final int MAX_TYPED_NAME = 64;

	private final AdminActions actions;

	SignInAudit(AdminActions actions) {
		this.actions = actions;
	}

	@EventListener
	void signedIn(AuthenticationSuccessEvent event) {
		String name = event.getAuthentication().getName();
		log.info("event=admin_signed_in username={}", LogText.printable(name));
		this.actions.record("admin:" + name, "admin_signed_in", "admin:" + name,
				"address=" + address(event.getAuthentication()));
	}

	@EventListener
	void refused(AbstractAuthenticationFailureEvent event) {
		String typed = LogText.printable(event.getAuthentication().getName());
		log.warn("event=admin_sign_in_failed username={} reason={}", typed,
				event.getException().getClass().getSimpleName());
		if (event.getException() instanceof SignInThrottled throttled && !throttled.lockedNow()) {
			return;
		}
		String detail = (event.getException() instanceof SignInThrottled throttled)
				? "locked_for=" + throttled.waitFor() : null;
		String target = (typed.length() > MAX_TYPED_NAME) ? typed.substring(0, MAX_TYPED_NAME) : typed;
		this.actions.record("address:" + address(event.getAuthentication()), "admin_sign_in_failed", "admin:" + target,
				detail);
	}

	@EventListener
	void signedOut(LogoutSuccessEvent event) {
		String name = event.getAuthentication().getName();
		log.info("event=admin_signed_out username={}", LogText.printable(name));
		this.actions.record("admin:" + name, "admin_signed_out", "admin:" + name, null);
	}

	private static String address(Authentication authentication) {
		return (authentication.getDetails() instanceof WebAuthenticationDetails details)
				? String.valueOf(details.getRemoteAddress()) : "unknown";
	}

}
