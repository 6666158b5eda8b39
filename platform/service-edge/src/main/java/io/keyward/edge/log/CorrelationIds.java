package io.keyward.edge.log;

import java.util.UUID;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * The one correlation id of an enrollment (issue 14): minted with the challenge, carried
 * by the gateway's transaction and the ca-adapter's certificate. While a service works
 * for one enrollment the id is in the MDC under {@value #MDC_KEY}, and every log line
 * carries {@code correlationId=<uuid>} ({@link ServiceLogging}, the layout of every
 * service).
 * <p>
 * An id this service mints itself ({@link #mint()}) is the trace id of the request being
 * served: the record and the trace of the request that started it share one id.
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
		return Mdc.put(MDC_KEY, correlationId);
	}

	/**
	 * The id's time in the MDC; closing it puts back what was there before.
	 */
	public interface Scope extends AutoCloseable {

		@Override
		void close();

	}

	/**
	 * A new correlation id: the trace id of the current span (W3C Trace Context, 128
	 * bits, the same bits written as a UUID), so
	 * {@code 4bf92f35-77b3-4da6-a3ce-929d0e0e4736} is trace
	 * {@code 4bf92f3577b34da6a3ce929d0e0e4736}; a random UUID where no trace is current.
	 * A service that mints ids this way must not take the trace context from a caller who
	 * could choose it (the gateway's devices), or the caller would choose the id.
	 * @return the id
	 */
	public static UUID mint() {
		SpanContext span = Span.current().getSpanContext();
		if (!span.isValid()) {
			return UUID.randomUUID();
		}
		String traceId = span.getTraceId();
		return new UUID(Long.parseUnsignedLong(traceId, 0, 16, 16), Long.parseUnsignedLong(traceId, 16, 32, 16));
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
