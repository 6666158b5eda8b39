package io.keyward.challenge.life;

import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes the steps of a challenge's life into {@code challenge.challenge_event},
 * append-only. Refused attempts are recorded up to {@value #MAX_REFUSALS} per challenge,
 * so a device (or an attacker holding a used challenge) retrying without end cannot grow
 * the table without bound; the metrics and the log still count every one.
 */
@Component
public class ChallengeEvents {

	/** How many refused attempts one challenge's life records. */
	public static final int MAX_REFUSALS = 20;

	private final JdbcClient jdbc;

	ChallengeEvents(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param apiClientId the MDM API client that minted it
	 */
	public void minted(UUID correlationId, long apiClientId, Instant at) {
		insert(correlationId, "MINTED", at, apiClientId, null, null, null);
	}

	/**
	 * Record a refused attempt, unless {@value #MAX_REFUSALS} are recorded already. The
	 * count and the insert are one statement; two concurrent refusals may both pass the
	 * count, which overshoots the bound by at most the concurrency.
	 * @param correlationId the challenge's id, null for a row written before it had one
	 * (nothing is recorded)
	 * @param reason why, as the gateway was told
	 */
	public void refused(@Nullable UUID correlationId, String transactionId, String reason, Instant at) {
		if (correlationId == null) {
			return;
		}
		this.jdbc.sql("""
				insert into challenge.challenge_event (correlation_id, type, occurred_at, transaction_id, reason)
				select :correlationId, 'REFUSED', :at, :transactionId, :reason
				where (select count(*) from challenge.challenge_event
				       where correlation_id = :correlationId and type = 'REFUSED') < :max
				""")
			.param("correlationId", correlationId)
			.param("at", at.atOffset(ZoneOffset.UTC))
			.param("transactionId", transactionId)
			.param("reason", reason)
			.param("max", MAX_REFUSALS)
			.update();
	}

	/**
	 * Record the certificate issued for the challenge's transaction, on the challenge row
	 * too.
	 * @return whether a challenge has this correlation id (a renewal's id names none)
	 */
	public boolean issued(UUID correlationId, String serial, Instant at) {
		int updated = this.jdbc
			.sql("update challenge.challenge set certificate_serial = :serial where correlation_id = :correlationId")
			.param("serial", serial)
			.param("correlationId", correlationId)
			.update();
		if (updated == 0) {
			return false;
		}
		insert(correlationId, "ISSUED", at, null, null, null, serial);
		return true;
	}

	private void insert(UUID correlationId, String type, Instant at, @Nullable Long apiClientId,
			@Nullable String transactionId, @Nullable String reason, @Nullable String serial) {
		this.jdbc.sql("""
				insert into challenge.challenge_event (correlation_id, type, occurred_at, api_client_id,
				    transaction_id, reason, certificate_serial)
				values (:correlationId, :type, :at, :apiClientId, :transactionId, :reason, :serial)
				""")
			.param("correlationId", correlationId)
			.param("type", type)
			.param("at", at.atOffset(ZoneOffset.UTC))
			.param("apiClientId", apiClientId, Types.BIGINT)
			.param("transactionId", transactionId, Types.VARCHAR)
			.param("reason", reason, Types.VARCHAR)
			.param("serial", serial, Types.VARCHAR)
			.update();
	}

}
