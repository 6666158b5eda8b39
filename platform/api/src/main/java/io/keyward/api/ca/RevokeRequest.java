package io.keyward.api.ca;

/**
 * Revoke a certificate ({@code POST /api/v1/certificates/{serial}/revoke}).
 *
 * @param reason RFC 5280 section 5.3.1 CRLReason in camelCase: {@code unspecified},
 * {@code keyCompromise}, {@code cACompromise}, {@code affiliationChanged},
 * {@code superseded}, {@code cessationOfOperation}, {@code certificateHold},
 * {@code privilegeWithdrawn} or {@code aACompromise}; null means {@code unspecified}
 * @param comment why, recorded with the revocation (optional)
 * @param revokedBy who asked for it, recorded with the revocation (optional)
 */
public record RevokeRequest(String reason, String comment, String revokedBy) {
}
