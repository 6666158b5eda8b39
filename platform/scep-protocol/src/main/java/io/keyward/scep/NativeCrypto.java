package io.keyward.scep;

import java.security.Security;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts Amazon Corretto Crypto Provider (AWS-LC through JNI) first in the JVM's provider
 * list where its native library loads (Linux x86-64). An RSA-2048 private-key operation
 * takes 0.25 ms there against 1.0 ms with the JDK's {@code BigInteger} code on the same
 * core, and an enrollment needs three of them (decrypt the envelope, sign the
 * certificate, sign the CertRep): docs/performance-notes.md. Everything it does not
 * implement (DES-EDE3, single DES, some OIDs) still comes from the JDK providers behind
 * it; Bouncy Castle is never registered globally. Where the library does not load (other
 * CPUs or systems) or {@code KEYWARD_NATIVE_CRYPTO=false}, the JDK providers are used as
 * before. The provider runs its own self-tests when it loads and is only installed when
 * they pass.
 */
public final class NativeCrypto {

	private static final Logger log = LoggerFactory.getLogger(NativeCrypto.class);

	private static String status;

	private NativeCrypto() {
	}

	/**
	 * Installs the provider once per JVM (the standalone suite runs four services in
	 * one).
	 * @return what is in use, as logged
	 */
	public static synchronized String install() {
		if (status == null) {
			status = tryInstall();
			log.info("event=crypto_providers status=\"{}\"", status);
		}
		return status;
	}

	static String tryInstall() {
		String property = System.getProperty("keyward.native-crypto");
		String setting = (property != null) ? property : System.getenv("KEYWARD_NATIVE_CRYPTO");
		if (setting != null && setting.strip().equalsIgnoreCase("false")) {
			String by = (property != null) ? "-Dkeyward.native-crypto=false" : "KEYWARD_NATIVE_CRYPTO=false";
			return "JDK providers (native crypto switched off by " + by + ")";
		}
		try {
			AmazonCorrettoCryptoProvider provider = AmazonCorrettoCryptoProvider.INSTANCE;
			Throwable loading = provider.getLoadingError();
			if (loading != null) {
				return "JDK providers (native crypto not available here: " + loading + ")";
			}
			provider.assertHealthy();
			if (Security.getProvider(provider.getName()) == null) {
				Security.insertProviderAt(provider, 1);
			}
			return provider.getName() + " " + provider.getVersionStr() + " first, JDK providers behind it";
		}
		catch (RuntimeException | LinkageError ex) {
			return "JDK providers (native crypto failed its checks: " + ex + ")";
		}
	}

}
