package io.keyward.standalone;

import java.math.BigInteger;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the three schemas recorded about a set of enrollments, read straight from the
 * suite's database: challenge rows, CA certificates and gateway transactions, keyed by
 * transactionID.
 */
final class IssuanceLedger {

	private final String jdbcUrl;

	private final String password;

	IssuanceLedger(KeywardSuite suite) {
		this.jdbcUrl = suite.jdbcUrl();
		this.password = suite.databasePassword();
	}

	/**
	 * @param id the row id of a challenge
	 * @param redeemed whether redeemed_at is set
	 * @param transactionId the transaction that redeemed it, or null
	 */
	record ChallengeRow(long id, boolean redeemed, String transactionId) {
	}

	long maxChallengeId() throws SQLException {
		return number("select coalesce(max(id), 0) from challenge.challenge");
	}

	long maxCertificateId() throws SQLException {
		return number("select coalesce(max(id), 0) from ca.certificate");
	}

	List<ChallengeRow> challengesAfter(long id) throws SQLException {
		List<ChallengeRow> rows = new ArrayList<>();
		try (Connection connection = connect();
				PreparedStatement statement = connection.prepareStatement(
						"select id, redeemed_at is not null, transaction_id from challenge.challenge where id > ? order by id")) {
			statement.setLong(1, id);
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					rows.add(new ChallengeRow(result.getLong(1), result.getBoolean(2), result.getString(3)));
				}
			}
		}
		return rows;
	}

	long certificatesAfter(long id) throws SQLException {
		try (Connection connection = connect();
				PreparedStatement statement = connection
					.prepareStatement("select count(*) from ca.certificate where id > ?")) {
			statement.setLong(1, id);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getLong(1);
			}
		}
	}

	/**
	 * @return serial numbers in ca.certificate per transactionID, as numbers
	 */
	Map<String, List<BigInteger>> caSerials(Collection<String> transactionIds) throws SQLException {
		return serialsByTransaction("select transaction_id, serial from ca.certificate where transaction_id = any(?)",
				transactionIds);
	}

	/**
	 * @return certificate serials of ISSUED rows in gateway.transaction per transactionID
	 */
	Map<String, List<BigInteger>> gatewayIssued(Collection<String> transactionIds) throws SQLException {
		return serialsByTransaction(
				"select transaction_id, certificate_serial from gateway.transaction where status = 'ISSUED' and transaction_id = any(?)",
				transactionIds);
	}

	long certificatesWithoutRequest() throws SQLException {
		return number("select count(*) from ca.certificate c left join ca.certificate_request r on r.id = c.request_id"
				+ " where r.id is null");
	}

	long duplicateSerialsInCa() throws SQLException {
		return number("select count(*) from (select serial from ca.certificate group by serial having count(*) > 1) d");
	}

	private Map<String, List<BigInteger>> serialsByTransaction(String sql, Collection<String> transactionIds)
			throws SQLException {
		Map<String, List<BigInteger>> serials = new HashMap<>();
		try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
			Array ids = connection.createArrayOf("text", transactionIds.toArray());
			statement.setArray(1, ids);
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					String serial = result.getString(2);
					serials.computeIfAbsent(result.getString(1), (k) -> new ArrayList<>())
						.add((serial != null) ? new BigInteger(serial, 16) : null);
				}
			}
		}
		return serials;
	}

	private long number(String sql) throws SQLException {
		try (Connection connection = connect();
				PreparedStatement statement = connection.prepareStatement(sql);
				ResultSet result = statement.executeQuery()) {
			result.next();
			return result.getLong(1);
		}
	}

	private Connection connect() throws SQLException {
		return DriverManager.getConnection(this.jdbcUrl, "postgres", this.password);
	}

}
