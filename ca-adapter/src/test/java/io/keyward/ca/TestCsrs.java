package io.keyward.ca;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * PKCS#10 requests for tests, built the way SCEP clients build them: a subject, SANs and
 * any other extensions in the PKCS#9 extensionRequest attribute.
 */
public final class TestCsrs {

	private final KeyPair keyPair;

	private final String subject;

	private final List<GeneralName> sans = new ArrayList<>();

	private final List<Extension> extensions = new ArrayList<>();

	private Provider provider;

	private TestCsrs(KeyPair keyPair, String subject) {
		this.keyPair = keyPair;
		this.subject = subject;
	}

	public static TestCsrs forKey(KeyPair keyPair, String subject) {
		return new TestCsrs(keyPair, subject);
	}

	public static KeyPair rsa(int bits) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(bits);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static KeyPair ec(String curve, Provider provider) {
		try {
			KeyPairGenerator generator = (provider != null) ? KeyPairGenerator.getInstance("EC", provider)
					: KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec(curve));
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public TestCsrs san(GeneralName name) {
		this.sans.add(name);
		return this;
	}

	public TestCsrs extension(Extension extension) {
		this.extensions.add(extension);
		return this;
	}

	public TestCsrs provider(Provider provider) {
		this.provider = provider;
		return this;
	}

	public byte[] der() {
		try {
			JcaPKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(
					new X500Principal(this.subject), this.keyPair.getPublic());
			ExtensionsGenerator requested = new ExtensionsGenerator();
			if (!this.sans.isEmpty()) {
				requested.addExtension(Extension.subjectAlternativeName, false,
						new GeneralNames(this.sans.toArray(GeneralName[]::new)));
			}
			for (Extension extension : this.extensions) {
				requested.addExtension(extension);
			}
			if (!requested.isEmpty()) {
				builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, requested.generate());
			}
			String algorithm = switch (this.keyPair.getPublic().getAlgorithm()) {
				case "RSA" -> "SHA256withRSA";
				case "EC" -> "SHA256withECDSA";
				case "EdDSA" -> "Ed25519";
				default -> this.keyPair.getPublic().getAlgorithm();
			};
			JcaContentSignerBuilder signer = new JcaContentSignerBuilder(algorithm);
			if (this.provider != null) {
				signer.setProvider(this.provider);
			}
			return builder.build(signer.build(this.keyPair.getPrivate())).getEncoded();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (OperatorCreationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String base64() {
		return Base64.getEncoder().encodeToString(der());
	}

}
