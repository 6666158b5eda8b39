package io.keyward.gateway.profile;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/**
 * When a profile renews a certificate (RFC 8894 section 2.5: "a new certificate with new
 * validity dates can be issued, even though the old one is still valid", if "the CA
 * policy permits"): only in a window before its expiry, given as a duration or as the
 * last share of its lifetime (by default the last 50 %, when Intune and Apple profiles
 * renew as well).
 *
 * @param enabled whether renewal is served and {@code Renewal} advertised
 * @param window how long before notAfter renewal opens, null to use {@code percent}
 * @param percent the last share of the lifetime (1 to 100) in which renewal is open
 * @param revokeReplaced whether the renewed certificate is revoked as superseded
 */
public record RenewalPolicy(boolean enabled, Duration window, int percent, boolean revokeReplaced) {

	/**
	 * @param certificate the certificate to renew
	 * @return the first instant it may be renewed
	 */
	public Instant opensAt(X509Certificate certificate) {
		Instant notBefore = certificate.getNotBefore().toInstant();
		Instant notAfter = certificate.getNotAfter().toInstant();
		if (this.window != null) {
			return notAfter.minus(this.window);
		}
		Duration lifetime = Duration.between(notBefore, notAfter);
		return notAfter.minus(lifetime.multipliedBy(this.percent).dividedBy(100));
	}

}
