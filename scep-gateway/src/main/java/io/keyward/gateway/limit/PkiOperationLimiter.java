package io.keyward.gateway.limit;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.keyward.edge.limit.TokenBucket;
import io.keyward.gateway.GatewayProperties;
import io.keyward.edge.log.LogText;
import io.keyward.gateway.limit.ClientAllowances.Allowance;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies {@link PkiOperationLimits} to PKIOperation: the rates and the per-client
 * concurrency before its message is read (nothing is parsed, decrypted or stored for a
 * refused request), the total concurrency only once the body of a POST has arrived, read
 * here within {@link PkiOperationLimits#bodyTimeout()}. A body that arrives slowly, or
 * never (a Content-Length larger than what is sent), holds only its own client's
 * allowance and a thread, not one of the {@code max-concurrent} slots honest devices need
 * (fuzz report 2026-12-06: 32 half-sent bodies from 4 addresses starved every other
 * client for 60 s). The other operations (GetCACaps, GetCACert) cost nothing worth
 * limiting and pass.
 * <p>
 * Refusals are counted in {@code keyward.gateway.pkioperation.refused} (tag
 * {@code reason}) and logged as {@code event=pkioperation_refused}, at most one line per
 * reason every ten seconds, with the number refused since the last line: a flood must not
 * become a flood of log lines.
 */
@Component
class PkiOperationLimiter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(PkiOperationLimiter.class);

	private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

	/** Messages up to this size are not counted in the bytes in progress. */
	static final long SMALL = 128 * 1024;

	private final PkiOperationLimits limits;

	private final long maxMessageSize;

	private final ClientAddress clientAddress;

	private final ClientAllowances clients;

	private final TokenBucket overall;

	private final AtomicInteger inProgress = new AtomicInteger();

	private final AtomicInteger receiving = new AtomicInteger();

	private final AtomicLong inFlightBytes = new AtomicLong();

	private final MeterRegistry meters;

	private final RefusalLog refusals = new RefusalLog();

	PkiOperationLimiter(PkiOperationLimits limits, GatewayProperties gateway, MeterRegistry meters) {
		this.limits = limits;
		this.maxMessageSize = gateway.maxMessageSize().toBytes();
		this.clientAddress = new ClientAddress(limits.trustedProxies());
		this.clients = new ClientAllowances(limits);
		this.overall = new TokenBucket(limits.ratePerSecond(), limits.burst(), System.nanoTime());
		this.meters = meters;
		meters.gauge("keyward.gateway.pkioperation.in.progress", this.inProgress);
		meters.gauge("keyward.gateway.pkioperation.receiving", this.receiving);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		if (!this.limits.enabled()) {
			return true;
		}
		String path = request.getRequestURI();
		if (!path.startsWith("/scep/") && !path.startsWith("/certsrv/mscep/mscep.dll")) {
			return true;
		}
		String query = request.getQueryString();
		return query == null || !query.contains("PKIOperation");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long now = System.nanoTime();
		String address = this.clientAddress.of(request);
		Allowance client = this.clients.of(address, now);
		long wait = client.bucket().take(now);
		if (wait > 0) {
			refuse(response, "client_rate", address, wait);
			return;
		}
		wait = this.overall.take(now);
		if (wait > 0) {
			refuse(response, "total_rate", address, wait);
			return;
		}
		long bytes = declaredSize(request);
		int clientCount = client.inProgress().incrementAndGet();
		long totalBytes = this.inFlightBytes.addAndGet(bytes);
		try {
			if (clientCount > this.limits.maxConcurrentPerClient()) {
				refuse(response, "client_concurrency", address, 0);
			}
			else if (totalBytes > this.limits.maxInFlightBytes().toBytes() && totalBytes > bytes) {
				// one message of any accepted size always gets through, alone
				refuse(response, "in_flight_bytes", address, 0);
			}
			else {
				HttpServletRequest received = receive(request, response, address);
				if (received != null) {
					process(received, response, chain, address);
				}
			}
		}
		finally {
			this.inFlightBytes.addAndGet(-bytes);
			client.inProgress().decrementAndGet();
		}
	}

	private void process(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String address)
			throws IOException, ServletException {
		int totalCount = this.inProgress.incrementAndGet();
		try {
			if (totalCount > this.limits.maxConcurrent()) {
				refuse(response, "total_concurrency", address, 0);
			}
			else {
				chain.doFilter(request, response);
			}
		}
		finally {
			this.inProgress.decrementAndGet();
		}
	}

	/**
	 * The request with its POST body read into memory, or {@code null} when the body did
	 * not arrive within {@link PkiOperationLimits#bodyTimeout()} or the client went away
	 * (answered 408 where the connection still allows it). A body longer than
	 * {@code keyward.gateway.max-message-size} is read only one byte past that size and
	 * passed on, for the controller to refuse as too large. Each read waits at most
	 * Tomcat's {@code server.tomcat.connection-timeout}; the deadline is checked between
	 * reads, so a body trickled a byte at a time is cut off too.
	 */
	private HttpServletRequest receive(HttpServletRequest request, HttpServletResponse response, String address) {
		if (!"POST".equals(request.getMethod()) || request.getContentLengthLong() > this.maxMessageSize) {
			return request;
		}
		this.receiving.incrementAndGet();
		try {
			return ReceivedBody.read(request, this.maxMessageSize + 1, this.limits.bodyTimeout());
		}
		catch (IOException ex) {
			// the client's doing (gone mid-body, or too slow): one quiet line, no stack
			// trace
			this.meters.counter("keyward.gateway.pkioperation.refused", "reason", "body_incomplete").increment();
			log.info("event=pkioperation_body_incomplete client={} detail=\"{}\"", LogText.printable(address),
					LogText.printable(ex.toString()));
			ReceivedBody.answerTimeout(response);
			return null;
		}
		finally {
			this.receiving.decrementAndGet();
		}
	}

	/**
	 * What the message may occupy on the heap: its Content-Length (a larger one is
	 * refused by the controller without reading), the query of a GET. A message of
	 * {@value #SMALL} bytes or less counts nothing: the concurrency limits bound how many
	 * there are, and a device's request (a few KB) must not wait behind a flood of large
	 * ones.
	 */
	private long declaredSize(HttpServletRequest request) {
		long size;
		if ("GET".equals(request.getMethod())) {
			size = request.getQueryString().length();
		}
		else {
			long length = request.getContentLengthLong();
			size = (length >= 0) ? Math.min(length, this.maxMessageSize) : this.maxMessageSize;
		}
		return (size <= SMALL) ? 0 : size;
	}

	private void refuse(HttpServletResponse response, String reason, String address, long waitNanos)
			throws IOException {
		this.meters.counter("keyward.gateway.pkioperation.refused", "reason", reason).increment();
		this.refusals.refused(reason, address);
		long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999L));
		response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		response.setHeader("Retry-After", Long.toString(seconds));
		response.setHeader("Connection", "close");
		response.setContentType("text/plain");
		response.getWriter().write("too many requests, retry later\n");
	}

	/** One log line per reason at most every ten seconds. */
	private static final class RefusalLog {

		private final ConcurrentMap<String, AtomicLong> counts = new ConcurrentHashMap<>();

		private final ConcurrentMap<String, AtomicLong> loggedAt = new ConcurrentHashMap<>();

		void refused(String reason, String address) {
			long count = this.counts.computeIfAbsent(reason, (key) -> new AtomicLong()).incrementAndGet();
			AtomicLong last = this.loggedAt.computeIfAbsent(reason,
					(key) -> new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS));
			long then = last.get();
			long now = System.nanoTime();
			if (now - then >= LOG_EVERY_NANOS && last.compareAndSet(then, now)) {
				this.counts.get(reason).addAndGet(-count);
				log.warn("event=pkioperation_refused reason={} refused={} last_client={}", reason, count,
						LogText.printable(address));
			}
		}

	}

}
