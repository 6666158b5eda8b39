package io.keyward.standalone;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.keyward.sealing.KeyEncryptionKey;
import io.keyward.sealing.WrongKeyEncryptionKeyException;

/**
 * Everything the services keep sealed under the key-encryption key, by schema: the CA
 * keys and OCSP signing keys (ca-adapter), the RA keys, the TLS key and the stored
 * requests of open transactions (scep-gateway), each with the purpose it was sealed for.
 * The launcher reads them as the database owner, before any service starts, to check the
 * KEK and to rotate it; the services themselves never read each other's tables.
 */
final class SealedKeys {

	/**
	 * One column of sealed blobs: the SQL expression of each row's sealing purpose, the
	 * column and which rows hold a sealed blob.
	 */
	record Column(String schema, String table, String purpose, String blob, String sealedRows) {

		Column(String schema, String table, String purpose) {
			this(schema, table, purpose, "sealed_private_key", "true");
		}

		String qualified() {
			return this.schema + "." + this.table;
		}

	}

	static final List<Column> COLUMNS = List.of(new Column("ca", "certificate_authority", "'ca:' || name"),
			new Column("ca", "ocsp_signer", "'ocsp:' || ca_name"), new Column("gateway", "ra_key", "'ra:' || purpose"),
			new Column("gateway", "tls_certificate", "'tls:server'"),
			// the PKCS#10 requests of open transactions (the challenge inside): DER ones
			// (0x30) are from before V12, which seals them when the gateway starts
			new Column("gateway", "transaction", "'gateway:transaction-csr'", "csr",
					"csr is not null and get_byte(csr, 0) <> 48"));

	/** One sealed key as stored. */
	record Sealed(Column column, Object id, String purpose, byte[] blob) {

		String describe() {
			return this.column.qualified() + " '" + this.purpose + "'";
		}

	}

	private SealedKeys() {
	}

	/**
	 * @return the sealed keys of {@code schema} (all schemas when null), locked for
	 * update when {@code forUpdate}; none where a table does not exist yet (first start)
	 */
	static List<Sealed> read(Connection connection, String schema, boolean forUpdate) throws SQLException {
		List<Sealed> sealed = new ArrayList<>();
		for (Column column : COLUMNS) {
			if ((schema != null && !schema.equals(column.schema())) || !exists(connection, column)) {
				continue;
			}
			String sql = "select id, " + column.purpose() + " as purpose, " + column.blob() + " from "
					+ column.qualified() + " where " + column.sealedRows() + " order by id"
					+ (forUpdate ? " for update" : "");
			try (PreparedStatement statement = connection.prepareStatement(sql);
					ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					sealed.add(new Sealed(column, rows.getObject(1), rows.getString(2), rows.getBytes(3)));
				}
			}
		}
		return sealed;
	}

	/**
	 * @return the keys {@code kek} cannot open (empty when it opens all)
	 */
	static List<Sealed> unopenable(List<Sealed> sealed, KeyEncryptionKey kek) {
		List<Sealed> failed = new ArrayList<>();
		for (Sealed key : sealed) {
			try {
				Arrays.fill(kek.open(key.blob(), key.purpose()), (byte) 0);
			}
			catch (WrongKeyEncryptionKeyException ex) {
				failed.add(key);
			}
		}
		return failed;
	}

	/**
	 * Re-seal every key of {@code schema} that is not yet sealed under {@code next}, in
	 * one transaction: a crash leaves the schema wholly under the old KEK or wholly under
	 * the new one.
	 * @param opener opens what either KEK sealed
	 * @return how many keys were re-sealed
	 */
	static int reseal(Connection connection, String schema, KeyEncryptionKey opener, KeyEncryptionKey next)
			throws SQLException {
		boolean autoCommit = connection.getAutoCommit();
		connection.setAutoCommit(false);
		try {
			int resealed = 0;
			for (Sealed key : read(connection, schema, true)) {
				if (next.sealedThis(key.blob())) {
					continue;
				}
				byte[] plain = opener.open(key.blob(), key.purpose());
				byte[] blob = next.seal(plain, key.purpose());
				Arrays.fill(plain, (byte) 0);
				try (PreparedStatement update = connection.prepareStatement(
						"update " + key.column().qualified() + " set " + key.column().blob() + " = ? where id = ?")) {
					update.setBytes(1, blob);
					update.setObject(2, key.id());
					update.executeUpdate();
				}
				resealed++;
			}
			connection.commit();
			return resealed;
		}
		catch (SQLException | RuntimeException ex) {
			connection.rollback();
			throw ex;
		}
		finally {
			connection.setAutoCommit(autoCommit);
		}
	}

	static List<String> schemas() {
		return COLUMNS.stream().map(Column::schema).distinct().toList();
	}

	private static boolean exists(Connection connection, Column column) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("select to_regclass(?) is not null")) {
			statement.setString(1, column.qualified());
			try (ResultSet rows = statement.executeQuery()) {
				return rows.next() && rows.getBoolean(1);
			}
		}
	}

}
