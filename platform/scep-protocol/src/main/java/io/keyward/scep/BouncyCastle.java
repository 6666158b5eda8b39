package io.keyward.scep;

import java.security.Provider;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * One Bouncy Castle provider instance for the CMS glue, passed to builders explicitly so
 * the JVM-wide provider list is never changed. RSA private-key operations use the JDK
 * providers.
 */
final class BouncyCastle {

	static final Provider PROVIDER = new BouncyCastleProvider();

	private BouncyCastle() {
	}

}
