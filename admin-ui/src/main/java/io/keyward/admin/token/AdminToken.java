package io.keyward.admin.token;

import java.time.Instant;
import java.util.List;

/**
 * An admin API token as stored: never the secret, only its digest (not part of this
 * record).
 *
 * @param id database id
 * @param name unique name given at creation
 * @param scopes what it may do
 * @param createdBy who created it ({@code admin:<user>}, {@code token:<name>},
 * {@code bootstrap})
 * @param createdAt when
 * @param lastUsedAt last successful use, to the minute; null when never used
 * @param revokedAt when it was revoked; null while active
 * @param revokedBy who revoked it
 */
public record AdminToken(long id, String name, List<AdminScope> scopes, String createdBy, Instant createdAt,
		Instant lastUsedAt, Instant revokedAt, String revokedBy) {

	public boolean active() {
		return this.revokedAt == null;
	}

}
