package io.keyward.challenge.ndes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The ca-adapter's {@code GET /api/v1/ca} over real HTTP, for the challenge-service's
 * tests: answers the CA certificate it is given, only to the challenge-service's token
 * (401 otherwise), and counts the calls.
 */
public final class FakeCaAdapter {

	public static final String TOKEN = "challenge-service-test-token-0123456789";

	private static final FakeCaAdapter INSTANCE = new FakeCaAdapter();

	private final HttpServer server;

	private final AtomicReference<String> caPem = new AtomicReference<>(pem("ca-g1.pem"));

	private final AtomicInteger calls = new AtomicInteger();

	private volatile boolean down;

	private FakeCaAdapter() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/api/v1/ca", this::answer);
		this.server.start();
	}

	public static FakeCaAdapter instance() {
		return INSTANCE;
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/**
	 * @param resource {@code ca-g1.pem} or {@code ca-g2.pem}
	 */
	void publish(String resource) {
		this.caPem.set(pem(resource));
	}

	void down(boolean down) {
		this.down = down;
	}

	int calls() {
		return this.calls.get();
	}

	private void answer(HttpExchange exchange) throws IOException {
		this.calls.incrementAndGet();
		int status;
		byte[] body;
		if (this.down) {
			status = 503;
			body = new byte[0];
		}
		else if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
			status = 401;
			body = new byte[0];
		}
		else {
			status = 200;
			String json = "{\"chainPem\":[\"" + this.caPem.get().replace("\n", "\\n") + "\"]}";
			body = json.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
		}
		exchange.sendResponseHeaders(status, (body.length == 0) ? -1 : body.length);
		exchange.getResponseBody().write(body);
		exchange.close();
	}

	private static String pem(String resource) {
		try (InputStream in = FakeCaAdapter.class.getResourceAsStream("/ndes/" + resource)) {
			return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
