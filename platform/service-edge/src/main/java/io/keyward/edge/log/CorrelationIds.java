package io.keyward.edge.log;

import java.util.UUID;

import org.slf4j.MDC;

/**
 * The one correlation id of an enrollment (issue 14): minted with the challenge, carried
 * by the gateway's transaction and the ca-adapter's certificate. While a service works
 * for one enrollment the id is in the MDC under {@value #MDC_KEY}, and every log line
 * carries {@code correlationId=<uuid>} (the {@code logging.pattern.correlation} of each
 * service).
 */
public final class CorrelationIds {

	/** The MDC key, and the name in log lines and JSON. */
	public static final String MDC_KEY = "correlationId";

	private CorrelationIds() {
	}

	/**
	 * Put the id in the MDC until the returned handle is closed.
	 * @param correlationId the id, null or blank for none (nothing is put)
	 * @return the handle to close
	 */
	public static Scope inMdc(String correlationId) {
		String previous = MDC.get(MDC_KEY);
		if (correlationId != null && !correlationId.isBlank()) {
			MDC.put(MDC_KEY, LogText.token(correlationId));
		}
		return () -> {
			if (previous != null) {
				MDC.put(MDC_KEY, previous);
			}
			else {
				MDC.remove(MDC_KEY);
			}
		};
	}

	/**
	 * The id's time in the MDC; closing it puts back what was there before.
	 */
	public interface Scope extends AutoCloseable {

		@Override
		void close();

	}

	/**
	 * @param text what a caller sent as a correlation id
	 * @return the UUID, or null when the text is not one
	 */
	public static UUID parse(String text) {
		if (text == null || text.length() != 36) {
			return null;
		}
		try {
			return UUID.fromString(text);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
