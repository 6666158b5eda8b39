package io.keyward.challenge.onetime;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * A minted one-time challenge password, known only by its keyed hash. Redemption state is
 * written by {@link ChallengeRepository#redeem}, a single conditional UPDATE, never by
 * changing this entity.
 */
@Entity
@Table(name = "challenge")
class Challenge {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "challenge_hash", nullable = false, updatable = false)
	private byte[] challengeHash;

	@Column(nullable = false, updatable = false, length = 100)
	private String profile;

	@Column(nullable = false, updatable = false, length = 100)
	private String template;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	@Column(name = "expires_at", nullable = false, updatable = false)
	private Instant expiresAt;

	@Column(name = "redeemed_at", updatable = false)
	private @Nullable Instant redeemedAt;

	@Column(name = "transaction_id", updatable = false)
	private @Nullable String transactionId;

	@Column(updatable = false)
	private @Nullable String subject;

	@Column(name = "public_key_sha256", updatable = false, length = 64)
	private @Nullable String publicKeySha256;

	@Column(name = "api_client_id", updatable = false)
	private @Nullable Long apiClientId;

	protected Challenge() {
	}

	Challenge(byte[] challengeHash, String profile, String template, Instant createdAt, Instant expiresAt,
			@Nullable Long apiClientId) {
		this.challengeHash = challengeHash;
		this.profile = profile;
		this.template = template;
		this.createdAt = createdAt;
		this.expiresAt = expiresAt;
		this.apiClientId = apiClientId;
	}

	byte[] challengeHash() {
		return this.challengeHash;
	}

	String profile() {
		return this.profile;
	}

	String template() {
		return this.template;
	}

	Instant expiresAt() {
		return this.expiresAt;
	}

	@Nullable Instant redeemedAt() {
		return this.redeemedAt;
	}

	@Nullable String transactionId() {
		return this.transactionId;
	}

	@Nullable String publicKeySha256() {
		return this.publicKeySha256;
	}

}
