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
		for (String table : new String[] { "challenge", "api_client_key" }) {
			jdbc.update("delete from challenge." + table
					+ " where api_client_id in (select id from challenge.api_client where name = ?)", name);
		}
		jdbc.update("delete from challenge.api_client where name = ?", name);
		Long id = jdbc.queryForObject("""
				insert into challenge.api_client (name, scopes, created_at)
				values (?, ?, now()) returning id""", Long.class, name, scopes);
		jdbc.update("""
				insert into challenge.api_client_key (api_client_id, label, key_hash, created_at)
				values (?, 'test', encode(sha256(convert_to(?, 'UTF8')), 'hex'), now())""", id, key);
		return key;
	}

}
