package io.keyward.challenge.intune;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import org.springframework.boot.ssl.pem.PemContent;

/**
 * The signed JWT an app presents instead of a client secret (RFC 7523 section 2.2, Entra
 * "certificate credentials"): RS256 over {@code aud} (the token endpoint), {@code iss}
 * and {@code sub} (the app id), a fresh {@code jti} and a ten-minute life, with the
 * certificate's SHA-1 thumbprint as {@code x5t} and its SHA-256 as {@code x5t#S256} so
 * Entra finds the registered certificate.
 */
class ClientAssertion {

	private static final Duration LIFE = Duration.ofMinutes(10);

	private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

	private final String clientId;

	private final PrivateKey key;

	private final String header;

	ClientAssertion(String clientId, X509Certificate certificate, PrivateKey key) {
		if (!(key instanceof RSAPrivateKey)) {
			throw new IllegalStateException("keyward.challenge.intune.private-key-file must hold an RSA key (RS256)");
		}
		this.clientId = clientId;
		this.key = key;
		try {
			byte[] der = certificate.getEncoded();
			this.header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"x5t\":\""
					+ URL.encodeToString(MessageDigest.getInstance("SHA-1").digest(der)) + "\",\"x5t#S256\":\""
					+ URL.encodeToString(MessageDigest.getInstance("SHA-256").digest(der)) + "\"}";
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot read the Intune app certificate", ex);
		}
	}

	static ClientAssertion load(String clientId, Path certificateFile, Path privateKeyFile) {
		try {
			X509Certificate certificate = PemContent.load(certificateFile).getCertificates().get(0);
			PrivateKey key = PemContent.load(privateKeyFile).getPrivateKey();
			return new ClientAssertion(clientId, certificate, key);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the Intune app certificate or key", ex);
		}
	}

	/**
	 * @param audience the token endpoint
	 * @param now the time of the token request
	 * @return the compact JWS
	 */
	String sign(String audience, Instant now) {
		long issued = now.getEpochSecond();
		String claims = "{\"aud\":\"" + audience + "\",\"iss\":\"" + this.clientId + "\",\"sub\":\"" + this.clientId
				+ "\",\"jti\":\"" + UUID.randomUUID() + "\",\"nbf\":" + issued + ",\"iat\":" + issued + ",\"exp\":"
				+ (issued + LIFE.toSeconds()) + "}";
		String input = URL.encodeToString(this.header.getBytes(StandardCharsets.UTF_8)) + "."
				+ URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
		try {
			Signature signature = Signature.getInstance("SHA256withRSA");
			signature.initSign(this.key);
			signature.update(input.getBytes(StandardCharsets.US_ASCII));
			return input + "." + URL.encodeToString(signature.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot sign the Intune client assertion", ex);
		}
	}

}
