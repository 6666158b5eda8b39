package io.keyward.gateway.transaction;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import org.springframework.stereotype.Component;

/**
 * Migration V12 (issue 13): rows written before it keep the PKCS#10 request, and with it
 * the challengePassword, in clear. A closed transaction never needs its CSR again (a
 * retry is answered from the row by {@code csr_sha256}), so its CSR is dropped; an open
 * one (waiting for the finisher or for an approval) still does, so its CSR is sealed as
 * {@link StoredCsr} now writes it. A Java migration because sealing needs the
 * key-encryption key, which SQL does not have; Spring Boot hands this bean to Flyway.
 * <p>
 * It also adds the index {@link TransactionPurge} looks for closed rows through.
 * <p>
 * The table is then rewritten ({@code VACUUM FULL}): an update leaves the old row
 * version, CSR and all, in the table's files until vacuum, and a plain vacuum only marks
 * its space free. Hence no transaction around this migration: PostgreSQL runs
 * {@code VACUUM} only outside one; each update commits on its own and is idempotent, so a
 * migration interrupted half-way is completed by the next start.
 */
@Component
public class V12__SealTransactionCsrs extends BaseJavaMigration {

	private final StoredCsr storedCsr;

	V12__SealTransactionCsrs(StoredCsr storedCsr) {
		this.storedCsr = storedCsr;
	}

	@Override
	public boolean canExecuteInTransaction() {
		return false;
	}

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		int changed;
		try (Statement statement = connection.createStatement()) {
			changed = statement.executeUpdate(
					"update transaction set csr = null where status in ('ISSUED', 'FAILED') and csr is not null");
		}
		try (PreparedStatement open = connection
			.prepareStatement("select id, csr from transaction where csr is not null and get_byte(csr, 0) = 48");
				ResultSet rows = open.executeQuery();
				PreparedStatement seal = connection.prepareStatement("update transaction set csr = ? where id = ?")) {
			// 48 = 0x30, the DER SEQUENCE a clear CSR starts with; a sealed one starts
			// with its format byte
			while (rows.next()) {
				seal.setBytes(1, this.storedCsr.seal(rows.getBytes("csr")));
				seal.setObject(2, rows.getObject("id", UUID.class));
				changed += seal.executeUpdate();
			}
		}
		try (Statement statement = connection.createStatement()) {
			// what TransactionPurge looks for: closed rows that still hold a CSR
			statement.execute("create index if not exists transaction_closed_csr_idx on transaction (updated_at) "
					+ "where csr is not null and status in ('ISSUED', 'FAILED')");
		}
		if (changed > 0) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("vacuum full transaction");
			}
		}
	}

}
