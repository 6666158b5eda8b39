package io.keyward.gateway.transaction;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

import io.keyward.api.SerialNumbers;
import io.keyward.api.gateway.EnrollmentTransaction;
import io.keyward.api.gateway.TransactionPage;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The transaction log as the admin API reads it: pages newest first and single
 * transactions, in the same {@link JdbcClient} SQL that writes {@code transaction}
 * ({@link TransactionLog}, {@link TransactionClaims}), never the CSR.
 */
@Component
public class TransactionHistory {

	static final String COLUMNS = "id, transaction_id, profile, message_type, subject, status, fail_info, "
			+ "failure_reason, certificate_serial, created_at, updated_at, decided_by, decided_at, decision_comment, "
			+ "content_encryption_algorithm, key_transport_algorithm, digest_algorithm, signature_algorithm, "
			+ "correlation_id";

	private final JdbcClient jdbc;

	TransactionHistory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param status only transactions in this status, or all when null
	 * @return one page, newest first
	 */
	public TransactionPage page(int page, int size, TransactionStatus status) {
		String where = (status != null) ? " where status = :status" : "";
		return page("from transaction" + where, page, size,
				(spec) -> (status != null) ? spec.param("status", status.name()) : spec);
	}

	/**
	 * @return the transactions with this transactionID on this profile (one, or an
	 * enrollment and the renewals that repeated its transactionID), newest first
	 */
	public TransactionPage withTransactionId(String profile, String transactionId, int page, int size) {
		return page("from transaction where profile = :profile and transaction_id = :transactionId", page, size,
				(spec) -> spec.param("profile", profile).param("transactionId", transactionId));
	}

	/**
	 * @param correlationId an enrollment's correlation id (issue 14)
	 * @return its transactions, newest first
	 */
	public TransactionPage withCorrelationId(UUID correlationId, int page, int size) {
		return page("from transaction where correlation_id = :correlationId", page, size,
				(spec) -> spec.param("correlationId", correlationId));
	}

	/**
	 * @param id the row's id
	 * @return the transaction as the API shows it
	 */
	public Optional<EnrollmentTransaction> byId(UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from transaction where id = :id")
			.param("id", id)
			.query(TransactionHistory::map)
			.optional();
	}

	private TransactionPage page(String from, int page, int size, UnaryOperator<JdbcClient.StatementSpec> parameters) {
		long total = parameters.apply(this.jdbc.sql("select count(*) " + from)).query(Long.class).single();
		List<EnrollmentTransaction> content = parameters
			.apply(this.jdbc
				.sql("select " + COLUMNS + " " + from + " order by created_at desc, id limit :limit offset :offset"))
			.param("limit", size)
			.param("offset", (long) page * size)
			.query(TransactionHistory::map)
			.list();
		return TransactionPage.offset(content, page, size, total);
	}

	static EnrollmentTransaction map(ResultSet rs, int rowNumber) throws SQLException {
		return new EnrollmentTransaction(rs.getString("transaction_id"), rs.getString("profile"),
				rs.getString("message_type"), rs.getString("subject"), rs.getString("status"),
				rs.getString("fail_info"), rs.getString("failure_reason"),
				SerialNumbers.hex(rs.getString("certificate_serial")), instant(rs, "created_at"),
				instant(rs, "updated_at"), rs.getString("id"), rs.getString("decided_by"), instant(rs, "decided_at"),
				rs.getString("decision_comment"), rs.getString("content_encryption_algorithm"),
				rs.getString("key_transport_algorithm"), rs.getString("digest_algorithm"),
				rs.getString("signature_algorithm"), rs.getString("correlation_id"));
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
