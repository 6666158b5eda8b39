package io.keyward.testsupport;

import java.util.List;

/**
 * What an operator sees when a service refuses to start for a reason that is theirs to
 * fix (a wrong key-encryption key, another challenge HMAC key, a short initial admin
 * password): Spring Boot's "APPLICATION FAILED TO START" report with the one line that
 * names the cause and the action, and no stack trace anywhere in the output.
 */
public final class StartFailureReport {

	private static final List<String> STACK_TRACE_MARKS = List.of("\tat io.keyward.", "\tat org.springframework.",
			"Caused by:", "Application run failed");

	private StartFailureReport() {
	}

	/**
	 * @param output everything the start printed (standard output and error)
	 * @param description text the report's description must contain
	 * @param action text the report's action must contain
	 * @throws AssertionError when the report or its text is missing, or a stack trace was
	 * printed
	 */
	public static void requireOneClearReport(String output, String description, String action) {
		int report = output.indexOf("APPLICATION FAILED TO START");
		if (report < 0) {
			throw new AssertionError("no failure report in the output:\n" + output);
		}
		String shown = output.substring(report);
		int descriptionAt = shown.indexOf("Description:");
		int actionAt = shown.indexOf("Action:");
		if (descriptionAt < 0 || actionAt < descriptionAt
				|| !shown.substring(descriptionAt, actionAt).contains(description)
				|| !shown.substring(actionAt).contains(action)) {
			throw new AssertionError("the report does not say '" + description + "' and '" + action + "':\n" + shown);
		}
		for (String mark : STACK_TRACE_MARKS) {
			if (output.contains(mark)) {
				throw new AssertionError("a stack trace was printed ('" + mark.strip() + "'):\n" + output);
			}
		}
	}

}
