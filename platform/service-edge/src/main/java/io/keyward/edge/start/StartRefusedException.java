package io.keyward.edge.start;

/**
 * A start refused for a reason the operator has to fix (another challenge HMAC key than
 * the stored challenges were hashed with, an initial admin password that is too short):
 * {@link StartRefusedFailureAnalyzer} prints what is wrong and what to do in Spring
 * Boot's short failure report, without a stack trace.
 */
public class StartRefusedException extends IllegalStateException {

	private final String action;

	/**
	 * @param description what is wrong, in one sentence an operator can act on
	 * @param action what to change
	 */
	public StartRefusedException(String description, String action) {
		super(description);
		this.action = action;
	}

	public StartRefusedException(String description, String action, Throwable cause) {
		super(description, cause);
		this.action = action;
	}

	public String action() {
		return this.action;
	}

}
