package io.keyward.challenge.life;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.keyward.api.challenge.ChallengeBinding;
import io.keyward.api.challenge.ChallengeLife;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads one challenge's life by correlation id: its row (while not purged) and its
 * events. Once the row is purged the events still tell its story, without profile or
 * template.
 */
@Component
class ChallengeLives {

	private final JdbcClient jdbc;

	ChallengeLives(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<ChallengeLife> find(UUID correlationId) {
		List<ChallengeLife.Event> events = this.jdbc.sql("""
				select type, occurred_at, transaction_id, reason, certificate_serial
				from challenge.challenge_event where correlation_id = :correlationId order by occurred_at, id
				""")
			.param("correlationId", correlationId)
			.query((rs, row) -> new ChallengeLife.Event(rs.getString("type"), instant(rs, "occurred_at"),
					rs.getString("transaction_id"), rs.getString("reason"), rs.getString("certificate_serial")))
			.list();
		Optional<ChallengeLife> row = this.jdbc.sql("""
				select c.profile, c.template, a.name as minted_by, c.bound_sid, c.created_at, c.expires_at,
				    c.redeemed_at, c.transaction_id, c.certificate_serial
				from challenge.challenge c left join challenge.api_client a on a.id = c.api_client_id
				where c.correlation_id = :correlationId
				""")
			.param("correlationId", correlationId)
			.query((rs, number) -> life(rs, correlationId, events))
			.optional();
		if (row.isPresent() || events.isEmpty()) {
			return row;
		}
		return Optional.of(purged(correlationId, events));
	}

	private static ChallengeLife life(ResultSet rs, UUID correlationId, List<ChallengeLife.Event> events)
			throws SQLException {
		String sid = rs.getString("bound_sid");
		return new ChallengeLife(correlationId.toString(), rs.getString("profile"), rs.getString("template"),
				rs.getString("minted_by"), (sid != null) ? new ChallengeBinding(sid) : null, instant(rs, "created_at"),
				instant(rs, "expires_at"), instant(rs, "redeemed_at"), rs.getString("transaction_id"),
				rs.getString("certificate_serial"), events);
	}

	private static ChallengeLife purged(UUID correlationId, List<ChallengeLife.Event> events) {
		Instant minted = null;
		Instant redeemed = null;
		String transactionId = null;
		String serial = null;
		for (ChallengeLife.Event event : events) {
			switch (event.type()) {
				case "MINTED" -> minted = event.occurredAt();
				case "REDEEMED" -> {
					redeemed = event.occurredAt();
					transactionId = event.transactionId();
				}
				case "ISSUED" -> serial = event.certificateSerial();
				default -> {
				}
			}
		}
		return new ChallengeLife(correlationId.toString(), null, null, null, null, minted, null, redeemed,
				transactionId, serial, events);
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
