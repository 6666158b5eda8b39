package io.keyward.admin.security;

import io.keyward.admin.audit.AdminActions;
import io.keyward.edge.log.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.stereotype.Component;

/**
 * The dashboard sessions of each admin, so a password change can end the account's other
 * sessions: whoever learnt the old password and signed in with it is signed out at their
 * next request. Sessions live in this instance's memory, and so does this registry.
 */
@Component
public class AdminSessions {

	private static final Logger log = LoggerFactory.getLogger(AdminSessions.class);

	private final SessionRegistry registry = new SessionRegistryImpl();

	private final AdminActions actions;

	AdminSessions(AdminActions actions) {
		this.actions = actions;
	}

	SessionRegistry registry() {
		return this.registry;
	}

	/**
	 * @param username the admin
	 * @param keep the session that made the change, which stays signed in
	 * @return how many sessions were ended
	 */
	public int endOthers(String username, String keep) {
		int ended = 0;
		for (Object principal : this.registry.getAllPrincipals()) {
			if (principal instanceof UserDetails user && user.getUsername().equals(username)) {
				for (SessionInformation session : this.registry.getAllSessions(principal, false)) {
					if (!session.getSessionId().equals(keep)) {
						session.expireNow();
						ended++;
					}
				}
			}
		}
		log.info("event=admin_sessions_ended username={} sessions={} reason=password_changed",
				LogText.printable(username), ended);
		if (ended > 0) {
			this.actions.record("admin:" + username, "admin_sessions_ended", "admin:" + username,
					"sessions=" + ended + " reason=password_changed");
		}
		return ended;
	}

}
