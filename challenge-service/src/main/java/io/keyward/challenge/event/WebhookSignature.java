package io.keyward.challenge.event;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code X-Keyward-Signature}: {@code sha256=} and the hex HMAC-SHA256, under the
 * webhook's secret, of the {@code X-Keyward-Timestamp} value, a dot and the body, as
 * Stripe signs its webhooks. Signing the timestamp with the body lets a receiver refuse
 * an old request replayed by someone who recorded it (docs/mdm-integration.md).
 */
final class WebhookSignature {

	static final String HEADER = "X-Keyward-Signature";

	private WebhookSignature() {
	}

	static String sign(String secret, long timestamp, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			byte[] signed = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
			return "sha256=" + HexFormat.of().formatHex(signed);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
