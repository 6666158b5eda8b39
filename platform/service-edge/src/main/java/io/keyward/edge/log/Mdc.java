package io.keyward.edge.log;

import org.slf4j.MDC;

/**
 * One MDC entry for a while: closing the handle puts back what was there before.
 */
final class Mdc {

	private Mdc() {
	}

	static CorrelationIds.Scope put(String key, String value) {
		String previous = MDC.get(key);
		if (value != null && !value.isBlank()) {
			MDC.put(key, LogText.token(value));
		}
		return () -> {
			if (previous != null) {
				MDC.put(key, previous);
			}
			else {
				MDC.remove(key);
			}
		};
	}

}
