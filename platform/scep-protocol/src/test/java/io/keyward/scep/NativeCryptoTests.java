package io.keyward.scep;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Security;
import java.security.Signature;
import java.util.Arrays;

import javax.crypto.Cipher;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The native provider is installed first where it loads (this project's build machines
 * are Linux x86-64), and what it produces is what the JDK's providers, and so every SCEP
 * client, read.
 */
class NativeCryptoTests {

	private static final String NATIVE = "AmazonCorrettoCryptoProvider";

	private static KeyPair keys;

	@BeforeAll
	static void install() throws Exception {
		NativeCrypto.install();
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", "SunRsaSign");
		generator.initialize(2048);
		keys = generator.generateKeyPair();
	}

	@Test
	void whenInstalledOnLinuxX8664ThenItIsTheFirstProviderForRsa() throws Exception {
		assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"),
				"the bundled native library is for Linux x86-64");
		assertThat(NativeCrypto.install()).startsWith(NATIVE);
		assertThat(Security.getProviders()[0].getName()).isEqualTo(NATIVE);
		assertThat(Signature.getInstance("SHA256withRSA").getProvider().getName()).isEqualTo(NATIVE);
		assertThat(Cipher.getInstance("RSA/ECB/PKCS1Padding").getProvider().getName()).isEqualTo(NATIVE);
	}

	@Test
	void whenSignedWithTheDefaultProviderThenTheJdkVerifiesAndTheSignatureIsTheSame() throws Exception {
		byte[] data = "CertRep signed attributes".getBytes();
		Signature signer = Signature.getInstance("SHA256withRSA");
		signer.initSign(keys.getPrivate());
		signer.update(data);
		byte[] signature = signer.sign();
		Signature jdk = Signature.getInstance("SHA256withRSA", "SunRsaSign");
		jdk.initVerify(keys.getPublic());
		jdk.update(data);
		assertThat(jdk.verify(signature)).isTrue();
		// PKCS#1 v1.5 is deterministic: both providers must produce the same bytes
		jdk.initSign(keys.getPrivate());
		jdk.update(data);
		assertThat(jdk.sign()).isEqualTo(signature);
	}

	@Test
	void whenEncryptedByTheJdkThenTheDefaultProviderDecryptsAndRejectsTampering() throws Exception {
		byte[] contentKey = new byte[16];
		Arrays.fill(contentKey, (byte) 7);
		Cipher jdk = Cipher.getInstance("RSA/ECB/PKCS1Padding", "SunJCE");
		jdk.init(Cipher.ENCRYPT_MODE, keys.getPublic());
		byte[] encrypted = jdk.doFinal(contentKey);
		Cipher cipher = Cipher.getInstance("RSA/ECB/PKCS1Padding");
		cipher.init(Cipher.DECRYPT_MODE, keys.getPrivate());
		assertThat(cipher.doFinal(encrypted)).isEqualTo(contentKey);
	}

	@Test
	void whenSwitchedOffByTheSystemPropertyThenTheMessageNamesTheProperty() {
		System.setProperty("keyward.native-crypto", "false");
		try {
			assertThat(NativeCrypto.tryInstall())
				.isEqualTo("JDK providers (native crypto switched off by -Dkeyward.native-crypto=false)");
		}
		finally {
			System.clearProperty("keyward.native-crypto");
		}
	}

}
