package io.keyward.admin.security;

import io.keyward.edge.log.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Who signed in to the PKI dashboard, who failed, and who signed out: stable event names
 * for the audit trail. Never the password; the username is typed by whoever is at the
 * form, so control characters are neutralised before it reaches the log.
 */
@Component
class SignInAudit {

	private static final Logger log = LoggerFactory.getLogger(SignInAudit.class);

	@EventListener
	void signedIn(AuthenticationSuccessEvent event) {
		log.info("event=admin_signed_in username={}", LogText.printable(event.getAuthentication().getName()));
	}

	@EventListener
	void refused(AbstractAuthenticationFailureEvent event) {
		log.warn("event=admin_sign_in_failed username={} reason={}",
				LogText.printable(event.getAuthentication().getName()),
				event.getException().getClass().getSimpleName());
	}

	@EventListener
	void signedOut(LogoutSuccessEvent event) {
		log.info("event=admin_signed_out username={}", LogText.printable(event.getAuthentication().getName()));
	}

}
