package io.keyward.api.ca;

/**
 * Revoke a certificate.
 *
 * @param reason RFC 5280 CRLReason name: {@code unspecified}, {@code keyCompromise},
 * {@code cACompromise}, {@code affiliationChanged}, {@code superseded},
 * {@code cessationOfOperation}, {@code certificateHold}, {@code privilegeWithdrawn},
 * {@code aACompromise}
 * @param comment why, in the revoker's words (may be null)
 * @param revokedBy who asked ({@code admin:<user>}, {@code token:<name>})
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5280#section-5.3.1">RFC 5280 section
 * 5.3.1</a>
 */
public record RevokeRequest(String reason, String comment, String revokedBy) {
}
