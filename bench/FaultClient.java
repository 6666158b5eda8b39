import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.keyward.scep.MessageType;
import io.keyward.scep.PkiStatus;
import io.keyward.scep.client.CertRepReader;
import io.keyward.scep.client.CertRepResponse;
import io.keyward.scep.client.ScepRequestBuilder;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * The replaying SCEP client of bench/faults.sh. Run with the load generator's jar on the
 * class path (it carries Keyward's SCEP codec and Bouncy Castle):
 *
 * <pre>
 * java -cp bench/loadgen/target/keyward-loadgen.jar bench/FaultClient.java --url URL \
 *   --challenge-url URL --api-key KEY --devices N --concurrency P --rate R --stop-file F --out FILE
 * </pre>
 *
 * Prepares N devices (key, one-time challenge minted over the challenge API, the PKCSReq
 * bytes), writes {@code <out>.prepared}, then sends one PKCSReq per device at R per second
 * until all are sent or the stop file exists, recording what each client saw (SUCCESS,
 * FAILURE failInfo, PENDING, HTTP status, timeout) and how long it took. Then every second
 * device that did not get a certificate ({@code --retry-every 2}) asks again until it has
 * one (bounded rounds): with a CertPoll after PENDING (RFC 8894 section 3.3.3), else by
 * re-sending the very same PKCSReq bytes (same transactionID, same nonce). The others never
 * ask again, like a device switched off mid-enrollment; their transactionIDs go to
 * {@code <out>.silent.csv} so the script can check the server finished them on its own. A
 * sample of the successful devices re-send too: each must get the certificate it already
 * has. Writes a JSON summary to {@code --out}.
 */
public class FaultClient {

	static final Pattern CHALLENGE = Pattern.compile("\"challenge\"\\s*:\\s*\"([^\"]+)\"");

	static final SecureRandom RANDOM = new SecureRandom();

	record Prepared(int index, KeyPair keys, String transactionId, byte[] nonce, byte[] request, X500Name subject,
			X509Certificate signer) {
	}

	/** One message a device sends: the bytes and the senderNonce the CertRep must echo. */
	record Message(byte[] bytes, byte[] nonce) {
	}

	record Outcome(long atMillis, long latencyMillis, String kind, String serial, boolean stackTrace) {

		boolean success() {
			return "SUCCESS".equals(this.kind);
		}

	}

	final Map<String, String> options = new LinkedHashMap<>();

	HttpClient http;

	Duration timeout;

	X509Certificate encryption;

	X509Certificate signing;

	public static void main(String[] args) throws Exception {
		FaultClient client = new FaultClient();
		for (int i = 0; i + 1 < args.length; i += 2) {
			client.options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
		}
		client.run();
	}

	String option(String name, String fallback) {
		String value = this.options.getOrDefault(name, fallback);
		if (value == null) {
			throw new IllegalArgumentException("--" + name + " is required");
		}
		return value;
	}

	void run() throws Exception {
		URI url = URI.create(option("url", null));
		int devices = Integer.parseInt(option("devices", "300"));
		int concurrency = Integer.parseInt(option("concurrency", "4"));
		double rate = Double.parseDouble(option("rate", "5"));
		int retryRounds = Integer.parseInt(option("retry-rounds", "40"));
		int resendSuccessful = Integer.parseInt(option("resend-successful", "25"));
		// every n-th device without a certificate after phase 1 retries; the others never
		// ask again (switched off, gave up): the server must finish their transactions alone
		int retryEvery = Integer.parseInt(option("retry-every", "2"));
		Path stopFile = Path.of(option("stop-file", "/nonexistent"));
		Path out = Path.of(option("out", null));
		this.timeout = Duration.ofSeconds(Long.parseLong(option("timeout", "30")));
		this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(this.timeout).build();

		raCertificates(url);
		List<String> challenges = mint(URI.create(option("challenge-url", null)), option("api-key", null), devices);
		List<Prepared> prepared = IntStream.range(0, devices).parallel().mapToObj((i) -> prepare(i, challenges.get(i)))
			.toList();
		log("prepared " + devices + " devices");

		// phase 1: under faults, one attempt per device at a steady rate
		Map<Integer, Outcome> first = new ConcurrentHashMap<>();
		long started = System.nanoTime();
		// the wall-clock start, so the fault script can place its events on this timeline
		Files.writeString(Path.of(out + ".prepared"), System.currentTimeMillis() + "\n");
		AtomicInteger sent = new AtomicInteger();
		try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
			List<Future<?>> inFlight = new ArrayList<>();
			for (Prepared device : prepared) {
				if (Files.exists(stopFile)) {
					break;
				}
				long due = started + (long) (device.index() * 1e9 / rate);
				long wait = due - System.nanoTime();
				if (wait > 0) {
					TimeUnit.NANOSECONDS.sleep(wait);
				}
				sent.incrementAndGet();
				inFlight.add(pool.submit(() -> first.put(device.index(), send(device, initial(device), started))));
			}
			for (Future<?> f : inFlight) {
				f.get();
			}
		}
		log("phase 1: sent " + sent.get() + ", " + count(first.values()));
		// retries start once the faults are over (the script creates the stop file), bounded
		for (int i = 0; i < 1200 && !Files.exists(stopFile); i++) {
			Thread.sleep(500);
		}

		// phase 2: the same bytes again until each device has exactly its certificate
		Map<Integer, List<Outcome>> retries = new TreeMap<>();
		List<Prepared> withoutCertificate = prepared.stream()
			.filter((d) -> first.containsKey(d.index()) && !first.get(d.index()).success())
			.toList();
		List<Prepared> pending = new ArrayList<>();
		List<Prepared> silent = new ArrayList<>();
		for (int i = 0; i < withoutCertificate.size(); i++) {
			(i % retryEvery == 0 ? pending : silent).add(withoutCertificate.get(i));
		}
		Files.writeString(Path.of(out + ".silent.csv"),
				silent.stream().map((d) -> d.transactionId() + "\n").collect(Collectors.joining()));
		long retryStart = System.nanoTime();
		// a transaction whose gateway died (or lost its database) mid-request stays claimed
		// until its lease runs out (4 x keyward.gateway.timeout + 30 s = 70 s by default), so
		// the rounds outlast it
		try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
			for (int round = 0; round < retryRounds && !pending.isEmpty(); round++) {
				Map<Prepared, Future<Outcome>> answers = new LinkedHashMap<>();
				for (Prepared device : pending) {
					// RFC 8894 section 3.3.3: after PENDING a client polls with CertPoll;
					// after anything else it re-sends its PKCSReq
					List<Outcome> seen = retries.get(device.index());
					Outcome last = (seen == null) ? first.get(device.index()) : seen.get(seen.size() - 1);
					Message message = "PENDING".equals(last.kind()) ? poll(device) : initial(device);
					answers.put(device, pool.submit(() -> send(device, message, retryStart)));
				}
				List<Prepared> next = new ArrayList<>();
				for (Map.Entry<Prepared, Future<Outcome>> answer : answers.entrySet()) {
					Outcome outcome = answer.getValue().get();
					retries.computeIfAbsent(answer.getKey().index(), (k) -> new ArrayList<>()).add(outcome);
					if (!outcome.success()) {
						next.add(answer.getKey());
					}
				}
				pending = next;
				if (!pending.isEmpty()) {
					Thread.sleep(3000);
				}
			}
		}
		// a sample of devices that already have their certificate ask again: same serial
		List<Prepared> successful = prepared.stream()
			.filter((d) -> first.containsKey(d.index()) && first.get(d.index()).success())
			.limit(resendSuccessful)
			.toList();
		int sameCertificate = 0;
		List<String> resendProblems = new ArrayList<>();
		for (Prepared device : successful) {
			Outcome again = send(device, initial(device), retryStart);
			if (again.success() && again.serial().equals(first.get(device.index()).serial())) {
				sameCertificate++;
			}
			else {
				resendProblems.add(device.transactionId() + ": first " + first.get(device.index()).serial()
						+ ", again " + again.kind() + " " + again.serial());
			}
		}
		write(out, sent.get(), first, retries, pending.size(), silent.size(), successful.size(), sameCertificate,
				resendProblems, prepared);
	}

	void raCertificates(URI url) throws Exception {
		HttpResponse<byte[]> response = this.http.send(
				HttpRequest.newBuilder(URI.create(url + "?operation=GetCACert")).timeout(this.timeout).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		List<X509Certificate> chain = CertificateFactory.getInstance("X.509")
			.generateCertificates(new ByteArrayInputStream(response.body()))
			.stream()
			.map(X509Certificate.class::cast)
			.toList();
		List<X509Certificate> ra = chain.stream().filter((c) -> c.getBasicConstraints() < 0).toList();
		List<X509Certificate> candidates = ra.isEmpty() ? chain : ra;
		this.encryption = candidates.stream()
			.filter((c) -> c.getKeyUsage() != null && c.getKeyUsage()[2])
			.findFirst()
			.orElse(candidates.get(0));
		this.signing = candidates.stream()
			.filter((c) -> c.getKeyUsage() != null && c.getKeyUsage()[0])
			.findFirst()
			.orElse(candidates.get(0));
	}

	List<String> mint(URI base, String apiKey, int count) throws Exception {
		List<String> challenges = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			HttpResponse<String> response = this.http.send(HttpRequest
				.newBuilder(URI.create(base + "/api/v1/challenges"))
				.timeout(this.timeout)
				.header("Authorization", "Bearer " + apiKey)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"profile\":\"default\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
			Matcher m = CHALLENGE.matcher(response.body());
			if (response.statusCode() / 100 != 2 || !m.find()) {
				throw new IOException("minting a challenge: HTTP " + response.statusCode() + " " + response.body());
			}
			challenges.add(m.group(1));
		}
		return challenges;
	}

	Prepared prepare(int index, String challenge) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair keys = generator.generateKeyPair();
			X500Name subject = new X500Name("CN=faults-" + index + "-" + System.currentTimeMillis() + ",O=Keyward faults");
			byte[] csr = new JcaPKCS10CertificationRequestBuilder(subject, keys.getPublic())
				.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_challengePassword, new DERPrintableString(challenge))
				.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate()))
				.getEncoded();
			String transactionId = HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(keys.getPublic().getEncoded()));
			byte[] nonce = new byte[16];
			RANDOM.nextBytes(nonce);
			byte[] request = ScepRequestBuilder.pkiMessage(MessageType.PKCS_REQ, csr,
					ScepRequestBuilder.selfSignedSigner(keys, subject), keys.getPrivate(), this.encryption,
					transactionId, nonce, CMSAlgorithm.AES128_CBC, "SHA-256");
			return new Prepared(index, keys, transactionId, nonce, request, subject,
					ScepRequestBuilder.selfSignedSigner(keys, subject));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static Message initial(Prepared device) {
		return new Message(device.request(), device.nonce());
	}

	Message poll(Prepared device) {
		byte[] nonce = new byte[16];
		RANDOM.nextBytes(nonce);
		X500Name issuer = X500Name.getInstance(this.signing.getIssuerX500Principal().getEncoded());
		return new Message(ScepRequestBuilder.certPoll(issuer, device.subject(), device.signer(),
				device.keys().getPrivate(), this.encryption, device.transactionId(), nonce, CMSAlgorithm.AES128_CBC,
				"SHA-256"), nonce);
	}

	Outcome send(Prepared device, Message message, long epoch) {
		long start = System.nanoTime();
		long at = (start - epoch) / 1_000_000;
		HttpResponse<byte[]> response;
		try {
			response = this.http.send(HttpRequest.newBuilder(URI.create(option("url", null) + "?operation=PKIOperation"))
				.timeout(this.timeout)
				.header("Content-Type", "application/x-pki-message")
				.POST(HttpRequest.BodyPublishers.ofByteArray(message.bytes()))
				.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (HttpTimeoutException ex) {
			return new Outcome(at, millis(start), "timeout (client gave up after " + this.timeout.toSeconds() + " s)",
					null, false);
		}
		catch (IOException ex) {
			return new Outcome(at, millis(start), "IOException " + ex.getClass().getSimpleName(), null, false);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Outcome(at, millis(start), "interrupted", null, false);
		}
		long latency = millis(start);
		if (response.statusCode() != 200) {
			String body = new String(response.body(), StandardCharsets.UTF_8);
			boolean trace = body.contains("\tat ") || body.contains("Exception") || body.contains("\"trace\"");
			return new Outcome(at, latency, "HTTP " + response.statusCode(), null, trace);
		}
		try {
			CertRepResponse certRep = CertRepReader.read(response.body(), this.signing, device.keys().getPrivate());
			if (!device.transactionId().equals(certRep.transactionId())
					|| !Arrays.equals(message.nonce(), certRep.recipientNonce())) {
				return new Outcome(at, latency, "invalid CertRep (transactionID or recipientNonce)", null, false);
			}
			if (certRep.status() == PkiStatus.FAILURE) {
				return new Outcome(at, latency, "FAILURE " + certRep.failInfo().rfcName(), null, false);
			}
			if (certRep.status() == PkiStatus.PENDING) {
				return new Outcome(at, latency, "PENDING", null, false);
			}
			X509Certificate issued = certRep.certificates().get(0);
			if (!Arrays.equals(issued.getPublicKey().getEncoded(), device.keys().getPublic().getEncoded())) {
				return new Outcome(at, latency, "invalid CertRep (certificate for another key)", null, false);
			}
			return new Outcome(at, latency, "SUCCESS", issued.getSerialNumber().toString(16).toUpperCase(Locale.ROOT),
					false);
		}
		catch (Exception ex) {
			return new Outcome(at, latency, "invalid CertRep (" + ex.getClass().getSimpleName() + ")", null, false);
		}
	}

	static long millis(long start) {
		return (System.nanoTime() - start) / 1_000_000;
	}

	static Map<String, Integer> count(Iterable<Outcome> outcomes) {
		Map<String, Integer> counts = new TreeMap<>();
		for (Outcome o : outcomes) {
			counts.merge(o.kind(), 1, Integer::sum);
		}
		return counts;
	}

	void write(Path out, int sent, Map<Integer, Outcome> first, Map<Integer, List<Outcome>> retries, int stillFailing,
			int silent, int resent, int sameCertificate, List<String> resendProblems, List<Prepared> prepared) throws IOException {
		long maxLatency = first.values().stream().mapToLong(Outcome::latencyMillis).max().orElse(0);
		long stackTraces = first.values().stream().filter(Outcome::stackTrace).count()
				+ retries.values().stream().flatMap(List::stream).filter(Outcome::stackTrace).count();
		long http5xx = first.values().stream().filter((o) -> o.kind().startsWith("HTTP 5")).count();
		Map<String, Integer> retryKinds = count(retries.values().stream().flatMap(List::stream).toList());
		long retriedToSuccess = retries.values().stream().filter((l) -> l.get(l.size() - 1).success()).count();
		long retryMax = retries.values().stream().flatMap(List::stream).mapToLong(Outcome::latencyMillis).max().orElse(0);
		// the certificate each device finally holds, for the database cross-check
		StringBuilder holdings = new StringBuilder();
		for (Prepared p : prepared) {
			Outcome o = first.get(p.index());
			if (o == null) {
				continue;
			}
			String serial = o.success() ? o.serial() : null;
			List<Outcome> r = retries.get(p.index());
			if (serial == null && r != null && r.get(r.size() - 1).success()) {
				serial = r.get(r.size() - 1).serial();
			}
			holdings.append(p.transactionId()).append(',').append(serial == null ? "" : serial).append('\n');
		}
		Files.writeString(Path.of(out + ".certificates.csv"), holdings);
		StringBuilder timeline = new StringBuilder("atMs,latencyMs,outcome\n");
		first.values().stream().sorted((a, b) -> Long.compare(a.atMillis(), b.atMillis()))
			.forEach((o) -> timeline.append(o.atMillis()).append(',').append(o.latencyMillis()).append(',')
				.append(o.kind()).append('\n'));
		Files.writeString(Path.of(out + ".timeline.csv"), timeline);
		String json = "{\n" + "  \"sent\": " + sent + ",\n" + "  \"firstAttempt\": " + jsonMap(count(first.values()))
				+ ",\n" + "  \"firstAttemptMaxLatencyMs\": " + maxLatency + ",\n" + "  \"http5xx\": " + http5xx + ",\n"
				+ "  \"stackTracesInAnswers\": " + stackTraces + ",\n" + "  \"retriedDevices\": " + retries.size()
				+ ",\n" + "  \"retryAttempts\": " + jsonMap(retryKinds) + ",\n" + "  \"retryMaxLatencyMs\": " + retryMax
				+ ",\n" + "  \"retriedToSuccess\": " + retriedToSuccess + ",\n" + "  \"stillWithoutCertificate\": "
				+ stillFailing + ",\n" + "  \"silentDevices\": " + silent + ",\n" + "  \"successfulResent\": " + resent + ",\n"
				+ "  \"successfulResentSameCertificate\": " + sameCertificate + ",\n" + "  \"resendProblems\": "
				+ resendProblems.stream().map((s) -> "\"" + s.replace("\"", "'") + "\"").toList() + "\n}\n";
		Files.writeString(out, json);
		log("wrote " + out);
	}

	static String jsonMap(Map<String, Integer> map) {
		StringBuilder b = new StringBuilder("{");
		map.forEach((k, v) -> b.append(b.length() > 1 ? ", " : "").append('"').append(k.replace("\"", "'")).append("\": ")
			.append(v));
		return b.append('}').toString();
	}

	static void log(String message) {
		System.out.println("[faultclient " + java.time.LocalTime.now().withNano(0) + "] " + message);
	}

}
