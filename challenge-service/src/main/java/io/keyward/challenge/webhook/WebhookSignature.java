package io.keyward.challenge.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook call: HMAC-SHA256 (RFC 2104) keyed with the profile's secret
 * over {@code <timestamp>.<body>}, sent as {@code X-Keyward-Signature: sha256=<hex>} next
 * to {@code X-Keyward-Timestamp: <unix seconds>}. Signing the timestamp with the body
 * lets the receiver refuse a replayed call by its age (Stripe's and GitHub's scheme;
 * step-ca signs the body alone). The validator's calls and the event webhooks are signed
 * alike (docs/mdm-integration.md).
 */
public final class WebhookSignature {

	public static final String SIGNATURE_HEADER = "X-Keyward-Signature";

	public static final String TIMESTAMP_HEADER = "X-Keyward-Timestamp";

	private WebhookSignature() {
	}

	/**
	 * @return {@code sha256=} and the lower-case hex HMAC
	 */
	public static String sign(String secret, long timestamp, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
			return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 unavailable", ex);
		}
	}

}
