package io.keyward.ca.issuance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Base64;

import io.keyward.ca.template.CertificateSigningRequest;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import org.springframework.stereotype.Component;

/**
 * Migration V11 (issue 13): requests stored before the ca-adapter dropped the
 * challengePassword attribute keep the challenge in clear in
 * {@code certificate_request.csr}. This rewrites each of them as the ca-adapter now
 * stores a request ({@link CertificateSigningRequest#withoutChallengePassword()}), leaves
 * a row it cannot parse as it is, and then rewrites the table ({@code VACUUM FULL}) so
 * the old row versions leave its files. Each update commits on its own and is idempotent,
 * so an interrupted migration is completed by the next start; PostgreSQL runs
 * {@code VACUUM} only outside a transaction.
 */
@Component
public class V11__StripChallengePasswords extends BaseJavaMigration {

	@Override
	public boolean canExecuteInTransaction() {
		return false;
	}

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		int changed = 0;
		try (PreparedStatement select = connection.prepareStatement("select id, csr from certificate_request");
				ResultSet rows = select.executeQuery();
				PreparedStatement update = connection
					.prepareStatement("update certificate_request set csr = ? where id = ?")) {
			while (rows.next()) {
				byte[] stored = rows.getBytes("csr");
				byte[] stripped = stripped(stored);
				if (stripped != null && !Arrays.equals(stored, stripped)) {
					update.setBytes(1, stripped);
					update.setLong(2, rows.getLong("id"));
					changed += update.executeUpdate();
				}
			}
		}
		if (changed > 0) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("vacuum full certificate_request");
			}
		}
	}

	/**
	 * @return the request without its challengePassword, null when it does not parse
	 */
	static byte[] stripped(byte[] der) {
		try {
			return CertificateSigningRequest.decode(Base64.getEncoder().encodeToString(der)).withoutChallengePassword();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
