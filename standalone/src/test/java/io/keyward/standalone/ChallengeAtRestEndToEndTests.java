package io.keyward.standalone;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.keyward.testsupport.MutableClock;
import io.keyward.testsupport.clients.MicromdmScepClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13: no challenge password is stored in clear anywhere. A real client enrolls with
 * a redeemed challenge and with a refused one; neither may then be found in any text or
 * binary column of any schema, nor (after a CHECKPOINT) in any file of the embedded
 * PostgreSQL's data directory, write-ahead log included: what an attacker with a copy of
 * the data directory would {@code grep}.
 */
class ChallengeAtRestEndToEndTests {

	static Path dataDir;

	static KeywardSuite suite;

	static SuiteClient client;

	@BeforeAll
	static void startSuite() throws IOException {
		dataDir = Files.createTempDirectory(Path.of("target"), "at-rest-data");
		suite = KeywardSuite
			.start(EnrollmentEndToEndTests.freePorts(dataDir),
					Map.of("keyward.challenge.bootstrap-api-key", EnrollmentEndToEndTests.API_KEY,
							"keyward.admin.initial-password", EnrollmentEndToEndTests.ADMIN_PASSWORD),
					new MutableClock());
		client = new SuiteClient(suite, EnrollmentEndToEndTests.API_KEY);
	}

	@AfterAll
	static void stopSuite() {
		if (suite != null) {
			suite.close();
		}
	}

	@Test
	void whenAChallengeIsRedeemedOrRefusedThenNeitherIsFoundInTheDatabaseOrItsFiles() throws Exception {
		String redeemed = client.mintChallenge();
		MicromdmScepClient.Enrollment issued = MicromdmScepClient.enroll(client.gatewayUrl("/scep/default"), redeemed,
				"at-rest-issued", Files.createTempDirectory(dataDir.getParent(), "at-rest-1"));
		assertThat(issued.certificate()).as(issued.output()).isPresent();
		String refused = HexFormat.of().withUpperCase().formatHex(randomBytes(16));
		MicromdmScepClient.Enrollment denied = MicromdmScepClient.enroll(client.gatewayUrl("/scep/default"), refused,
				"at-rest-refused", Files.createTempDirectory(dataDir.getParent(), "at-rest-2"));
		assertThat(denied.certificate()).as(denied.output()).isEmpty();
		assertThat(client.count("select count(*) from gateway.transaction where subject like '%at-rest-refused%' "
				+ "and status = 'FAILED'"))
			.as("the refused request reached the gateway's transaction log")
			.isEqualTo(1);

		for (String challenge : List.of(redeemed, refused)) {
			assertThat(columnsHolding(challenge)).as("columns holding challenge %s", challenge).isEmpty();
		}
		checkpoint();
		for (String challenge : List.of(redeemed, refused)) {
			assertThat(filesHolding(challenge)).as("data files holding challenge %s", challenge).isEmpty();
		}
	}

	private static byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		ThreadLocalRandom.current().nextBytes(bytes);
		return bytes;
	}

	/**
	 * Every text, character and bytea column of the four services' schemas, searched for
	 * the challenge's bytes.
	 */
	private static List<String> columnsHolding(String challenge) throws SQLException {
		List<String> found = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection(suite.jdbcUrl(), "postgres",
				suite.databasePassword())) {
			List<String[]> columns = new ArrayList<>();
			try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("""
					select table_schema, table_name, column_name, data_type from information_schema.columns
					where table_schema in ('gateway', 'challenge', 'ca', 'admin')
					  and data_type in ('text', 'character varying', 'character', 'bytea', 'ARRAY', 'jsonb', 'json')
					""")) {
				while (rows.next()) {
					columns.add(new String[] { rows.getString(1), rows.getString(2), rows.getString(3),
							rows.getString(4) });
				}
			}
			assertThat(columns).as("the search sees the gateway's transaction table")
				.anySatisfy((column) -> assertThat(column).containsExactly("gateway", "transaction", "csr", "bytea"));
			for (String[] column : columns) {
				String name = "\"" + column[0] + "\".\"" + column[1] + "\".\"" + column[2] + "\"";
				boolean binary = column[3].equals("bytea");
				String sql = "select count(*) from \"" + column[0] + "\".\"" + column[1] + "\" where " + (binary
						? "position(? in \"" + column[2] + "\") > 0" : "strpos(\"" + column[2] + "\"::text, ?) > 0");
				try (PreparedStatement statement = connection.prepareStatement(sql)) {
					if (binary) {
						statement.setBytes(1, challenge.getBytes(StandardCharsets.US_ASCII));
					}
					else {
						statement.setString(1, challenge);
					}
					try (ResultSet rows = statement.executeQuery()) {
						rows.next();
						if (rows.getLong(1) > 0) {
							found.add(name);
						}
					}
				}
			}
		}
		return found;
	}

	private static void checkpoint() throws SQLException {
		try (Connection connection = DriverManager.getConnection(suite.jdbcUrl(), "postgres", suite.databasePassword());
				Statement statement = connection.createStatement()) {
			statement.execute("checkpoint");
		}
	}

	private static List<Path> filesHolding(String challenge) throws IOException {
		byte[] needle = challenge.getBytes(StandardCharsets.US_ASCII);
		List<Path> found = new ArrayList<>();
		// PostgreSQL removes transient files and directories (pg_internal.init, temporary
		// files) while it runs: one that is gone before it is read holds nothing
		Files.walkFileTree(dataDir.resolve("postgres"), new java.nio.file.SimpleFileVisitor<>() {

			@Override
			public java.nio.file.FileVisitResult visitFile(Path file,
					java.nio.file.attribute.BasicFileAttributes attributes) throws IOException {
				if (attributes.isRegularFile()) {
					try {
						if (contains(Files.readAllBytes(file), needle)) {
							found.add(file);
						}
					}
					catch (java.nio.file.NoSuchFileException removed) {
						// gone
					}
				}
				return java.nio.file.FileVisitResult.CONTINUE;
			}

			@Override
			public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException ex) throws IOException {
				if (ex instanceof java.nio.file.NoSuchFileException) {
					return java.nio.file.FileVisitResult.CONTINUE;
				}
				throw ex;
			}

		});
		return found;
	}

	private static boolean contains(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return true;
		}
		return false;
	}

}
