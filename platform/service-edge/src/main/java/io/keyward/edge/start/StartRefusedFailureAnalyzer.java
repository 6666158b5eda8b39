package io.keyward.edge.start;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Spring Boot's "APPLICATION FAILED TO START" report for a {@link StartRefusedException}:
 * its description and action, and the stack trace only at DEBUG.
 */
class StartRefusedFailureAnalyzer extends AbstractFailureAnalyzer<StartRefusedException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, StartRefusedException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
	}

}
