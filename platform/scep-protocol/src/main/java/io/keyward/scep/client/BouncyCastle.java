package io.keyward.scep.client;

import java.security.Provider;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The client side's Bouncy Castle provider instance, passed to builders explicitly so the
 * JVM-wide provider list is never changed.
 */
final class BouncyCastle {

	static final Provider PROVIDER = new BouncyCastleProvider();

	private BouncyCastle() {
	}

}
