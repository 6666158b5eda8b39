package io.keyward.admin.security;

import java.time.Duration;

import org.springframework.security.authentication.LockedException;

/**
 * A sign-in refused because its account or its client address is locked after too many
 * failures, whatever the password. A {@link LockedException}, so Spring Security
 * publishes it as a failed sign-in.
 */
class SignInThrottled extends LockedException {

	private final Duration wait;

	private final boolean lockedNow;

	SignInThrottled(Duration wait, boolean lockedNow) {
		super("too many failed sign-ins");
		this.wait = wait;
		this.lockedNow = lockedNow;
	}

	/**
	 * @return how long until the next attempt is heard
	 */
	Duration waitFor() {
		return this.wait;
	}

	/**
	 * @return whether this attempt's failure started the lock (false: the attempt came
	 * during a lock and its password was not checked)
	 */
	boolean lockedNow() {
		return this.lockedNow;
	}

}
