package io.keyward.challenge.apiclient;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An MDM system allowed to mint challenges. Its key is known only by its SHA-256 (a key
 * has 256 random bits, so a fast hash is enough; a password hash would add nothing).
 */
@Entity
@Table(name = "api_client")
class ApiClient {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false, length = 100)
	private String name;

	@Column(name = "key_hash", nullable = false, length = 64)
	private String keyHash;

	@Column(nullable = false, length = 500)
	private String scopes;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	protected ApiClient() {
	}

	Long id() {
		return this.id;
	}

	String name() {
		return this.name;
	}

	/** Space-separated, as in OAuth 2.0 (RFC 6749 section 3.3). */
	List<String> scopes() {
		return Arrays.stream(this.scopes.split(" ")).filter((scope) -> !scope.isBlank()).toList();
	}

}
