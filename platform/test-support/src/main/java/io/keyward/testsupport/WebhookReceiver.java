package io.keyward.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on a loopback port, as an MDM or a SIEM would run one: it checks
 * each request's {@code X-Keyward-Signature} the way docs/mdm-integration.md tells
 * receivers to (HMAC-SHA256 over {@code <timestamp>.<body>}), keeps the verified ones,
 * and answers 401 to a bad signature. {@link #down} makes it answer 503, as a receiver
 * that is being redeployed would.
 */
public final class WebhookReceiver implements AutoCloseable {

	/** One verified delivery. */
	public record Delivery(String eventId, String type, String timestamp, String body) {
	}

	private final HttpServer server;

	private final byte[] secret;

	private final List<Delivery> received = new CopyOnWriteArrayList<>();

	private final List<String> rejected = new CopyOnWriteArrayList<>();

	private volatile boolean down;

	public WebhookReceiver(String secret) throws IOException {
		this.secret = secret.getBytes(StandardCharsets.UTF_8);
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/**
	 * @return where to POST
	 */
	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/hooks/keyward";
	}

	/**
	 * @param down whether to answer 503 instead of accepting
	 */
	public void down(boolean down) {
		this.down = down;
	}

	/**
	 * @return the deliveries with a valid signature, in arrival order
	 */
	public List<Delivery> received() {
		return List.copyOf(this.received);
	}

	/**
	 * @return why requests were refused (bad signature, missing header)
	 */
	public List<String> rejected() {
		return List.copyOf(this.rejected);
	}

	public void clear() {
		this.received.clear();
		this.rejected.clear();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange; InputStream in = exchange.getRequestBody()) {
			byte[] body = in.readAllBytes();
			if (this.down) {
				exchange.sendResponseHeaders(503, -1);
				return;
			}
			String timestamp = exchange.getRequestHeaders().getFirst("X-Keyward-Timestamp");
			String signature = exchange.getRequestHeaders().getFirst("X-Keyward-Signature");
			String expected = "sha256=" + sign(timestamp + "." + new String(body, StandardCharsets.UTF_8));
			if (timestamp == null || signature == null || !MessageDigest
				.isEqual(expected.getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII))) {
				this.rejected.add("bad signature " + signature);
				exchange.sendResponseHeaders(401, -1);
				return;
			}
			this.received.add(new Delivery(exchange.getRequestHeaders().getFirst("X-Keyward-Event-Id"),
					exchange.getRequestHeaders().getFirst("X-Keyward-Event-Type"), timestamp,
					new String(body, StandardCharsets.UTF_8)));
			exchange.sendResponseHeaders(204, -1);
		}
	}

	private String sign(String text) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.secret, "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
