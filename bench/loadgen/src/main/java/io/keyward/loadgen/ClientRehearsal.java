package io.keyward.loadgen;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;

import io.keyward.scep.CertRep;
import io.keyward.scep.CertRepEncoder;
import io.keyward.scep.PkiStatus;
import io.keyward.scep.client.ScepRequestBuilder;

/**
 * Runs the client's whole PKIOperation path (POST through the run's HTTP client code,
 * reading the answer, the CertRep's parse, RA signature check, decryption with the device
 * key, the checks of {@link PkiExchange}) against a stand-in server on loopback in this
 * JVM, which answers each prepared request with a SUCCESS CertRep signed here by a
 * throwaway RA. The load generator's JIT has then compiled that code before the timed
 * phase: a fresh client that meets it first in the timed phase spends the first seconds
 * of a step interpreting and compiling it on the cores it shares with the server
 * (measured on 2 cores: several hundred compilations a second, mostly Apache HttpClient,
 * and about twice its steady CPU per enrollment over the first 4 s), which lowers the
 * server's measured rate and raises its latency. The server under test sees none of it.
 */
final class ClientRehearsal {

	private static final int DISTINCT_REPLIES = 64;

	private static final int PASSES = 4;

	private static final int MIN_PASS = 50;

	private static final Duration QUIET_POLL = Duration.ofMillis(100);

	private static final int QUIET_POLLS = 3;

	private static final Duration QUIET_COMPILER_LIMIT = Duration.ofSeconds(5);

	private ClientRehearsal() {
	}

	/**
	 * @param requests the prepared requests; the rehearsal sends the first ones again and
	 * again
	 * @param options the run's cipher, digest, timeout and concurrency
	 * @param rounds at most this many exchanges (0: none), in passes of a quarter; it
	 * stops after a pass that left the compiler nothing to do
	 * @throws IOException when the stand-in cannot listen on loopback
	 * @throws IllegalStateException when a rehearsed exchange fails (a client bug)
	 */
	static void run(List<PreparedRequest> requests, LoadgenOptions options, int rounds)
			throws IOException, InterruptedException {
		if (rounds == 0 || requests.isEmpty()) {
			return;
		}
		KeyPair raKeys = requests.get(0).device().keys();
		X509Certificate raCertificate = ScepRequestBuilder.selfSignedSigner(raKeys,
				new X500Name("CN=Keyward loadgen rehearsal RA"));
		CertRepEncoder ra = new CertRepEncoder(raCertificate, raKeys.getPrivate());
		ASN1ObjectIdentifier digest = new DefaultDigestAlgorithmIdentifierFinder().find(options.digest())
			.getAlgorithm();
		List<PreparedRequest> distinct = requests.subList(0, Math.min(requests.size(), DISTINCT_REPLIES));
		Map<ByteBuffer, byte[]> replies = new ConcurrentHashMap<>();
		for (PreparedRequest request : distinct) {
			replies.put(ByteBuffer.wrap(request.pkiMessage()), reply(ra, request, options.cipher(), digest));
		}
		Recorder recorder = new Recorder();
		try (StandIn standIn = StandIn.answering(replies, options.concurrency());
				ScepEndpoint endpoint = new ScepEndpoint(standIn.url(), null, options.timeout(),
						options.concurrency())) {
			inPasses(new PkiExchange(endpoint,
					new ServerCertificates(Set.of(), List.of(raCertificate), raCertificate, raCertificate), recorder),
					distinct, rounds, recorder);
		}
		if (!recorder.failures().isEmpty()) {
			throw new IllegalStateException("the client rejected the rehearsal's own replies: " + recorder.failures());
		}
	}

	// while the compiler's queue is long the JVM raises its compile thresholds, so
	// methods
	// run once per request are queued only in a later pass
	private static void inPasses(PkiExchange exchange, List<PreparedRequest> requests, int rounds, Recorder recorder)
			throws InterruptedException {
		int pass = Math.max(MIN_PASS, rounds / PASSES);
		for (int done = 0; done < rounds && recorder.failures().isEmpty();) {
			int count = Math.min(pass, rounds - done);
			long compiledBefore = ClientUsage.now().jitMillis();
			Parallel.map(count, (i) -> exchange(exchange, requests.get(i % requests.size())));
			done += count;
			awaitQuietCompiler();
			if (compiledBefore >= 0 && ClientUsage.now().jitMillis() == compiledBefore) {
				return;
			}
		}
	}

	private static boolean exchange(PkiExchange exchange, PreparedRequest request) {
		Device device = request.device();
		try {
			return exchange.exchange(Operation.PKI_OPERATION, request.pkiMessage(), request.senderNonce(),
					device.transactionId(), device.keys().getPrivate(), device.keys().getPublic(), null) != null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while rehearsing", ex);
		}
	}

	/**
	 * Methods that crossed the compile threshold late in the rehearsal are still queued
	 * for the compiler thread; waits until it has had nothing to do for a moment (at most
	 * a few seconds), so that it does not work through that queue in the timed phase.
	 */
	static void awaitQuietCompiler() throws InterruptedException {
		long deadline = System.nanoTime() + QUIET_COMPILER_LIMIT.toNanos();
		long last = ClientUsage.now().jitMillis();
		int quietPolls = 0;
		while (last >= 0 && quietPolls < QUIET_POLLS && System.nanoTime() < deadline) {
			Thread.sleep(QUIET_POLL.toMillis());
			long now = ClientUsage.now().jitMillis();
			quietPolls = (now == last) ? quietPolls + 1 : 0;
			last = now;
		}
	}

	// the device's own signer certificate stands in for the issued one: same public key
	private static byte[] reply(CertRepEncoder ra, PreparedRequest request, ASN1ObjectIdentifier cipher,
			ASN1ObjectIdentifier digest) {
		Device device = request.device();
		return ra.encode(new CertRep(device.transactionId(), request.senderNonce(), PkiStatus.SUCCESS, null, null,
				List.of(device.signer()), device.signer(), cipher, digest));
	}

	/**
	 * The stand-in server: answers each known request body with its prepared CertRep.
	 */
	private record StandIn(HttpServer server, ExecutorService threads) implements AutoCloseable {

		static StandIn answering(Map<ByteBuffer, byte[]> replies, int threads) throws IOException {
			// answer at once: without TCP_NODELAY the stand-in's small writes wait for
			// delayed ACKs
			System.setProperty("sun.net.httpserver.nodelay", "true");
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.createContext("/", (exchange) -> answer(exchange, replies));
			ExecutorService executor = Executors.newFixedThreadPool(threads);
			server.setExecutor(executor);
			server.start();
			return new StandIn(server, executor);
		}

		URI url() {
			return URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":"
					+ this.server.getAddress().getPort() + "/scep");
		}

		@Override
		public void close() {
			this.server.stop(0);
			this.threads.shutdownNow();
		}

		private static void answer(HttpExchange exchange, Map<ByteBuffer, byte[]> replies) throws IOException {
			try (exchange) {
				byte[] body;
				try (InputStream in = exchange.getRequestBody()) {
					body = in.readAllBytes();
				}
				byte[] reply = replies.get(ByteBuffer.wrap(body));
				if (reply == null) {
					exchange.sendResponseHeaders(400, -1);
					return;
				}
				exchange.getResponseHeaders().set("Content-Type", "application/x-pki-message");
				exchange.sendResponseHeaders(200, reply.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(reply);
				}
			}
		}

	}

}
