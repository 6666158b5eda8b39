package io.keyward.edge.caller;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a start refused for want of caller credentials into Spring Boot's short failure
 * report (what is wrong, what to set) instead of a page of nested stack traces.
 */
class CallerCredentialsFailureAnalyzer extends AbstractFailureAnalyzer<CallerCredentialsInvalid> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, CallerCredentialsInvalid cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Give each internal caller its own token: keyward.edge.callers.<caller>.tokens"
						+ " (see docs/configuration.md, 'Callers and scopes').",
				cause);
	}

}
