package io.keyward.challenge.intune;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The requests Intune accepted, by transactionID, in {@code
 * challenge.intune_validated_request} for a bounded time: their notification must send
 * the CSR again, possibly from another replica than the one that validated it, and a
 * gateway that repeats a redemption it already won must not make Intune judge the same
 * request twice. A row goes once its outcome is reported or its time is up (the CSR is a
 * device's public key and names, kept no longer than needed).
 */
class ValidatedRequests {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Duration retention;

	ValidatedRequests(JdbcClient jdbc, Clock clock, Duration retention) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.retention = retention;
	}

	void remember(String profile, String transactionId, String csr) {
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				insert into challenge.intune_validated_request (transaction_id, profile, csr, validated_at, keep_until)
				values (:transactionId, :profile, :csr, :now, :keepUntil)
				on conflict (transaction_id) do update
				set profile = excluded.profile, csr = excluded.csr, validated_at = excluded.validated_at,
				    keep_until = excluded.keep_until
				""")
			.param("transactionId", transactionId)
			.param("profile", profile)
			.param("csr", csr)
			.param("now", now.atOffset(ZoneOffset.UTC))
			.param("keepUntil", now.plus(this.retention).atOffset(ZoneOffset.UTC))
			.update();
	}

	/**
	 * @return the validated request of that transaction, when still kept
	 */
	Optional<Validated> find(String transactionId) {
		return this.jdbc.sql("""
				select transaction_id, profile, csr, keep_until from challenge.intune_validated_request
				where transaction_id = :transactionId and keep_until > :now
				""")
			.param("transactionId", transactionId)
			.param("now", this.clock.instant().atOffset(ZoneOffset.UTC))
			.query(ValidatedRequests::validated)
			.optional();
	}

	/**
	 * Take it out: its outcome is being reported. One statement, so that of two replicas
	 * that get the same event only one reports it.
	 */
	Optional<Validated> take(String transactionId) {
		return this.jdbc.sql("""
				delete from challenge.intune_validated_request
				where transaction_id = :transactionId and keep_until > :now
				returning transaction_id, profile, csr, keep_until
				""")
			.param("transactionId", transactionId)
			.param("now", this.clock.instant().atOffset(ZoneOffset.UTC))
			.query(ValidatedRequests::validated)
			.optional();
	}

	/**
	 * Requests whose outcome never came (the gateway gave up, or the event was lost) are
	 * forgotten after the retention.
	 * @return how many were forgotten
	 */
	@Scheduled(initialDelayString = "PT1M", fixedDelayString = "${keyward.challenge.purge-interval:PT1H}")
	int forgetExpired() {
		return this.jdbc.sql("delete from challenge.intune_validated_request where keep_until <= :now")
			.param("now", this.clock.instant().atOffset(ZoneOffset.UTC))
			.update();
	}

	private static Validated validated(java.sql.ResultSet row, int index) throws java.sql.SQLException {
		return new Validated(row.getString("profile"), row.getString("transaction_id"), row.getString("csr"),
				row.getObject("keep_until", java.time.OffsetDateTime.class).toInstant());
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
