package io.keyward.ca.authority;

import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * One generation of a CA: the first one, or a successor prepared for a rollover.
 *
 * @param generation 1 for the first CA, then counting
 * @param activatesAt when it becomes the issuing CA, null for the first
 * @param authority the unsealed CA
 * @param newWithOld its key certified by its predecessor (RFC 4210 section 4.4), null for
 * the first
 * @param oldWithNew its predecessor's key certified by it, null for the first
 */
record CaGeneration(int generation, Instant activatesAt, BuiltInCertificateAuthority authority,
		X509Certificate newWithOld, X509Certificate oldWithNew) {

	/**
	 * @param now the CA's clock
	 * @return whether it issues at {@code now} or did before
	 */
	boolean activeBy(Instant now) {
		return this.activatesAt == null || !this.activatesAt.isAfter(now);
	}

	/**
	 * @return its certificate
	 */
	X509Certificate certificate() {
		return this.authority.certificate();
	}

}
