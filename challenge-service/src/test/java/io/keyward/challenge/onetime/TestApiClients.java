package io.keyward.challenge.onetime;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * MDM API clients of the tests, written as rows (the key's SHA-256 as the service stores
 * it), each test with its own names.
 */
final class TestApiClients {

	private TestApiClients() {
	}

	/**
	 * @param scopes space-separated scopes
	 * @return the key
	 */
	static String create(JdbcTemplate jdbc, String name, String scopes) {
		String key = "kw_" + name + "-test-key-0123456789abcdefghijklmnopqrstuv";
		jdbc.update("delete from challenge.challenge where api_client_id = (select id from challenge.api_client "
				+ "where name = ?)", name);
		jdbc.update("delete from challenge.api_client where name = ?", name);
		jdbc.update("""
				insert into challenge.api_client (name, key_hash, scopes, created_at)
				values (?, encode(sha256(convert_to(?, 'UTF8')), 'hex'), ?, now())""", name, key, scopes);
		return key;
	}

}
