package io.keyward.challenge.onetime;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.keyward.api.challenge.ChallengeBinding;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How a {@link Challenge} and its binding map to the columns of
 * {@code challenge.challenge}: one place for the reads of the repository, the redemption
 * and the listing. Lists (bound SANs, key usages) are stored one entry per line.
 */
final class ChallengeRows {

	private ChallengeRows() {
	}

	static Challenge challenge(ResultSet row, int rowNumber) throws SQLException {
		return new Challenge(row.getBytes("challenge_hash"), row.getString("profile"), row.getString("template"),
				instant(row, "created_at"), instant(row, "expires_at"), instant(row, "redeemed_at"),
				row.getString("transaction_id"), row.getString("public_key_sha256"),
				row.getObject("api_client_id", Long.class), binding(row), row.getObject("public_id", UUID.class),
				row.getString("external_id"), instant(row, "refused_at"), row.getString("refusal_reason"),
				instant(row, "revoked_at"), row.getObject("correlation_id", UUID.class));
	}

	/**
	 * @return the binding the row's {@code bound_*} columns hold, null when nothing is
	 * bound
	 */
	static @Nullable ChallengeBinding binding(ResultSet row) throws SQLException {
		ChallengeBinding binding = new ChallengeBinding(row.getString("bound_sid"), row.getString("bound_subject"),
				row.getString("bound_subject_pattern"), lines(row.getString("bound_sans")),
				lines(row.getString("bound_key_usage")), row.getString("bound_device_id"),
				row.getString("bound_template"));
		return "none".equals(Bindings.describe(binding)) ? null : binding;
	}

	/** The binding's columns as parameters of an INSERT. */
	static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, @Nullable ChallengeBinding binding) {
		boolean bound = binding != null;
		return statement.param("boundSid", bound ? binding.sid() : null, Types.VARCHAR)
			.param("boundSubject", bound ? binding.subject() : null, Types.VARCHAR)
			.param("boundSubjectPattern", bound ? binding.subjectPattern() : null, Types.VARCHAR)
			.param("boundSans", bound ? joined(binding.subjectAltNames()) : null, Types.VARCHAR)
			.param("boundKeyUsage", bound ? joined(binding.keyUsage()) : null, Types.VARCHAR)
			.param("boundDeviceId", bound ? binding.deviceId() : null, Types.VARCHAR)
			.param("boundTemplate", bound ? binding.template() : null, Types.VARCHAR)
			.param("boundToCsr", Bindings.constrainsCsr(binding));
	}

	static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static @Nullable String joined(@Nullable List<String> values) {
		return (values != null) ? String.join("\n", values) : null;
	}

	private static @Nullable List<String> lines(@Nullable String column) {
		return (column != null) ? Arrays.asList(column.split("\n")) : null;
	}

	private static @Nullable Instant instant(ResultSet row, String column) throws SQLException {
		OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
