package io.keyward.challenge.intune;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The requests Intune accepted, by transactionID, kept in memory only and for a bounded
 * time: their notification must send the CSR again, and a gateway that repeats a
 * redemption it already won must not make Intune judge the same request twice. Nothing
 * here is written to disk; a restart loses the pending notifications (Intune then shows
 * the device's state as unknown until it enrolls again), which is preferred to keeping
 * device CSRs at rest.
 */
class ValidatedRequests {

	/** A cap so a flood cannot exhaust the heap; the oldest are dropped first. */
	static final int CAPACITY = 100_000;

	private final Map<String, Validated> byTransaction = new ConcurrentHashMap<>();

	private final Clock clock;

	private final Duration retention;

	ValidatedRequests(Clock clock, Duration retention) {
		this.clock = clock;
		this.retention = retention;
	}

	void remember(String profile, String transactionId, String csr) {
		Instant now = this.clock.instant();
		if (this.byTransaction.size() >= CAPACITY) {
			forgetExpired(now);
			if (this.byTransaction.size() >= CAPACITY) {
				this.byTransaction.values()
					.stream()
					.min((a, b) -> a.until().compareTo(b.until()))
					.ifPresent((oldest) -> this.byTransaction.remove(oldest.transactionId()));
			}
		}
		this.byTransaction.put(transactionId, new Validated(profile, transactionId, csr, now.plus(this.retention)));
	}

	/**
	 * @return the validated request of that transaction, when still kept
	 */
	Optional<Validated> find(String transactionId) {
		Validated validated = this.byTransaction.get(transactionId);
		if (validated == null || !this.clock.instant().isBefore(validated.until())) {
			return Optional.empty();
		}
		return Optional.of(validated);
	}

	/**
	 * Take it out: its outcome is being reported.
	 */
	Optional<Validated> take(String transactionId) {
		Optional<Validated> found = find(transactionId);
		found.ifPresent((validated) -> this.byTransaction.remove(transactionId, validated));
		return found;
	}

	private void forgetExpired(Instant now) {
		for (Iterator<Validated> it = this.byTransaction.values().iterator(); it.hasNext();) {
			if (!now.isBefore(it.next().until())) {
				it.remove();
			}
		}
	}

	/**
	 * @param csr base64 DER, as sent to {@code validateRequest}
	 */
	record Validated(String profile, String transactionId, String csr, Instant until) {

		@Override
		public String toString() {
			return "Validated[profile=" + this.profile + ", transactionId=" + this.transactionId + "]";
		}

	}

}
