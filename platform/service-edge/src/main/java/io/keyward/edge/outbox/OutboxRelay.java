package io.keyward.edge.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.keyward.edge.log.LogText;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one relay loop of the services' event outboxes (the gateway's enrollment events,
 * the ca-adapter's revocation and expiry events), handed to the challenge-service's
 * {@code POST /internal/v1/events/batch}: claim the due rows under a lease, publish them
 * in one request, delete them once published, and claim again until no full batch is
 * left, so that one tick keeps up with any enrollment rate (it had relayed one batch of
 * 50 a tick, one request each: at most 50 events a second, behind a gateway that issued
 * hundreds). When a batch is refused or fails, its rows are sent one by one, so that one
 * bad row cannot hold back the others; a failed attempt is retried with a doubling
 * backoff (the intake is idempotent on the event id, so an attempt whose answer was lost
 * is simply sent again) and given up after {@code maxAttempts}, logged
 * {@code event=event_publish_failed} and counted. Each service keeps its own table and
 * SQL ({@link Outbox}) and its own event ({@link Delivery}).
 *
 * @param <P> a claimed outbox row
 */
public final class OutboxRelay<P extends OutboxRelay.Pending> {

	private static final int BATCH = 50;

	/**
	 * At most this many batches a tick (1 000 events), so that the service's other
	 * scheduled work (one scheduler thread) is not held up behind a long backlog.
	 */
	private static final int MAX_BATCHES = 20;

	private final Policy policy;

	private final Outbox<P> outbox;

	private final Delivery<P> delivery;

	private final Clock clock;

	private final MeterRegistry meters;

	private final Logger log;

	private final AtomicLong queued = new AtomicLong();

	public OutboxRelay(Policy policy, Outbox<P> outbox, Delivery<P> delivery, Clock clock, MeterRegistry meters) {
		this.policy = policy;
		this.outbox = outbox;
		this.delivery = delivery;
		this.clock = clock;
		this.meters = meters;
		this.log = LoggerFactory.getLogger(delivery.getClass());
		Gauge.builder(policy.meterPrefix() + ".queued", this.queued, AtomicLong::get)
			.description(policy.queuedDescription())
			.register(meters);
	}

	/**
	 * Relays the due events, a batch at a time, until fewer than a full batch were due, a
	 * batch failed (the service is then left alone until the next tick) or
	 * {@link #MAX_BATCHES} were sent, and updates the queued gauge.
	 */
	public void relayDue() {
		boolean more = true;
		for (int batches = 0; more && batches < MAX_BATCHES; batches++) {
			Instant now = this.clock.instant();
			List<P> batch = this.outbox.claim(now, now.plus(this.policy.lease()), BATCH);
			more = relayBatch(batch) && batch.size() == BATCH;
		}
		this.queued.set(this.outbox.size());
	}

	/**
	 * @return whether the batch was published in one request
	 */
	private boolean relayBatch(List<P> batch) {
		if (batch.isEmpty()) {
			return false;
		}
		if (batch.size() > 1) {
			try {
				this.delivery.publishAll(batch);
			}
			catch (RuntimeException ex) {
				this.log.warn("event=event_batch_failed size={} error=\"{}\": sending one by one", batch.size(),
						ex.getClass().getSimpleName() + ": " + LogText.printable(ex.getMessage()));
				batch.forEach(this::relay);
				return false;
			}
			this.outbox.doneAll(batch.stream().map(Pending::id).toList());
			batch.forEach(this::published);
			return true;
		}
		return relay(batch.get(0));
	}

	/**
	 * @return whether the row was published
	 */
	private boolean relay(P pending) {
		try {
			this.delivery.publish(pending);
			this.outbox.done(pending.id());
			published(pending);
			return true;
		}
		catch (RuntimeException ex) {
			String error = ex.getClass().getSimpleName() + ": " + LogText.printable(ex.getMessage());
			if (pending.attempts() >= this.policy.maxAttempts() || this.delivery.unsendable(pending)) {
				this.outbox.done(pending.id());
				this.meters.counter(this.policy.meterPrefix() + ".publish.failed", "type", pending.type()).increment();
				this.log.error("event=event_publish_failed eventId={} type={} {} attempts={} error=\"{}\"",
						pending.id(), pending.type(), this.delivery.logKeys(pending), pending.attempts(), error);
				return false;
			}
			Instant next = this.clock.instant().plus(this.policy.backoff(pending.attempts()));
			this.outbox.retryAt(pending.id(), next, error);
			this.log.warn("event=event_publish_retry eventId={} type={} attempts={} nextAttemptAt={} error=\"{}\"",
					pending.id(), pending.type(), pending.attempts(), next, error);
			return false;
		}
	}

	/** Counts a row that reached the challenge-service, in a batch or on its own. */
	private void published(P pending) {
		this.meters.counter(this.policy.meterPrefix() + ".published", "type", pending.type()).increment();
	}

	/**
	 * @param meterPrefix {@code <prefix>.queued} (gauge), {@code .published} and
	 * {@code .publish.failed} (counters by {@code type})
	 * @param queuedDescription the gauge's description
	 * @param lease how long a claimed row is left to this attempt
	 * @param initialBackoff the wait after the first failed attempt, doubled after each
	 * @param maxBackoff the longest wait
	 * @param maxAttempts attempts before an event is given up
	 */
	public record Policy(String meterPrefix, String queuedDescription, Duration lease, Duration initialBackoff,
			Duration maxBackoff, int maxAttempts) {

		Duration backoff(int attempts) {
			Duration wait = this.initialBackoff.multipliedBy(1L << Math.min(attempts - 1, 20));
			return (wait.compareTo(this.maxBackoff) > 0) ? this.maxBackoff : wait;
		}

	}

	/** A claimed row: its id, event type and attempts so far (this one included). */
	public interface Pending {

		UUID id();

		String type();

		int attempts();

	}

	/** A service's outbox table. */
	public interface Outbox<P> {

		List<P> claim(Instant now, Instant leaseUntil, int limit);

		void done(UUID id);

		/** Deletes the published rows, in one statement. */
		void doneAll(List<UUID> ids);

		void retryAt(UUID id, Instant next, String error);

		long size();

	}

	/** How a service turns a row into its event and sends it. */
	public interface Delivery<P> {

		/** Sends the row's event; a RuntimeException is a failed attempt. */
		void publish(P pending);

		/**
		 * Sends the rows' events in one request; a RuntimeException fails them all, and
		 * they are then sent one by one ({@link #publish}).
		 */
		void publishAll(List<P> batch);

		/**
		 * @return whether the row can never be sent, so it is given up at once
		 */
		boolean unsendable(P pending);

		/**
		 * @return the row's own keys for the give-up log line, e.g. {@code serial=...}
		 */
		String logKeys(P pending);

	}

}
