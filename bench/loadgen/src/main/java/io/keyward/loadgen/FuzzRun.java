package io.keyward.loadgen;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.keyward.scep.FailInfo;
import io.keyward.scep.MessageParameter;
import io.keyward.scep.MessageType;
import io.keyward.scep.PkiMessage;
import io.keyward.scep.PkiStatus;
import io.keyward.scep.ScepAttributes;
import io.keyward.scep.ScepObjectIdentifiers;
import io.keyward.scep.client.ScepRequestBuilder;
import io.keyward.scep.fuzz.PkiMessageMutator;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cms.CMSAlgorithm;

/**
 * {@code bench/fuzz.sh}: posts seeded mutations of real pkiMessages to a running gateway
 * (PKCSReq and CertPoll messages of devices with a valid challenge, addressed to its RA,
 * plus the captured scepclient and certmonger requests) by POST and some by GET, and
 * prints how many got which HTTP status and which CertRep. Exits 1 when any answer was a
 * 5xx or a connection failed.
 *
 * <pre>
 * java -cp keyward-loadgen.jar io.keyward.loadgen.FuzzRun URL CHALLENGE_URL API_KEY COUNT SECONDS [FIXTURES_DIR]
 * </pre>
 */
public final class FuzzRun {

	private static final int CONCURRENCY = 4;

	private static final int GET_EVERY = 10;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();

	private FuzzRun() {
	}

	public static void main(String[] args) throws Exception {
		String url = args[0];
		long count = Long.parseLong(args[3]);
		Duration limit = Duration.ofSeconds(Long.parseLong(args[4]));
		FuzzRun run = new FuzzRun();
		List<byte[]> seeds = run.seeds(url, URI.create(args[1]), args[2], (args.length > 5) ? Path.of(args[5]) : null);
		long started = System.nanoTime();
		AtomicLong next = new AtomicLong();
		try (ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY)) {
			for (int worker = 0; worker < CONCURRENCY; worker++) {
				PkiMessageMutator mutator = new PkiMessageMutator(new SplittableRandom(8894L + worker));
				pool.submit(() -> {
					long i;
					while ((i = next.getAndIncrement()) < count && System.nanoTime() - started < limit.toNanos()) {
						run.send(url, mutator.mutate(seeds.get((int) (i % seeds.size()))).bytes(), i % GET_EVERY == 0);
					}
					return null;
				});
			}
		}
		System.out.printf("fuzz: %d seeds, %.0f s%n", seeds.size(), (System.nanoTime() - started) / 1e9);
		new TreeMap<>(run.outcomes).forEach((key, value) -> System.out.println(key + ": " + value.sum()));
		long serverErrors = run.outcomes.entrySet()
			.stream()
			.filter((e) -> e.getKey().startsWith("HTTP 5") || e.getKey().startsWith("connection"))
			.mapToLong((e) -> e.getValue().sum())
			.sum();
		System.out.println("with 5xx or no answer: " + serverErrors);
		System.exit((serverErrors == 0) ? 0 : 1);
	}

	private List<byte[]> seeds(String url, URI challengeUrl, String apiKey, Path fixtures) throws Exception {
		String caps = this.http
			.send(HttpRequest.newBuilder(URI.create(url + "?operation=GetCACaps")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		byte[] caCert = this.http
			.send(HttpRequest.newBuilder(URI.create(url + "?operation=GetCACert")).build(),
					HttpResponse.BodyHandlers.ofByteArray())
			.body();
		ServerCertificates server = ServerCertificates.of(caps, caCert);
		List<String> challenges = new ChallengeApi(challengeUrl, apiKey, "default", 2, Duration.ofSeconds(10))
			.challenges(4);
		List<byte[]> seeds = new ArrayList<>();
		for (Device device : DeviceFixtures.generate("fuzz", challenges, 2048, false, List.of())) {
			seeds.add(ScepRequestBuilder.pkiMessage(MessageType.PKCS_REQ, device.csr(), device.signer(),
					device.keys().getPrivate(), server.encryption(), device.transactionId(),
					ScepAttributes.newSenderNonce(), CMSAlgorithm.AES128_CBC, "SHA-256"));
			seeds.add(ScepRequestBuilder.certPoll(
					X500Name.getInstance(
							server.chain().get(server.chain().size() - 1).getSubjectX500Principal().getEncoded()),
					X500Name.getInstance(device.signer().getSubjectX500Principal().getEncoded()), device.signer(),
					device.keys().getPrivate(), server.encryption(), device.transactionId(),
					ScepAttributes.newSenderNonce(), CMSAlgorithm.DES_EDE3_CBC, "SHA-1"));
		}
		if (fixtures != null) {
			seeds.add(Files.readAllBytes(fixtures.resolve("scepclient-pkcsreq-post.der")));
			for (String query : List.of("scepclient-pkcsreq-get-query.txt", "certmonger-pkcsreq-aes256-get-query.txt",
					"certmonger-pkcsreq-des3-get-query.txt")) {
				seeds.add(MessageParameter.decode(Files.readString(fixtures.resolve(query))));
			}
		}
		return seeds;
	}

	private void send(String url, byte[] message, boolean get) {
		try {
			HttpRequest request = get
					? HttpRequest.newBuilder(URI.create(url + "?operation=PKIOperation&message="
							+ URLEncoder.encode(Base64.getEncoder().encodeToString(message),
									StandardCharsets.US_ASCII)))
						.timeout(Duration.ofSeconds(30))
						.build()
					: HttpRequest.newBuilder(URI.create(url + "?operation=PKIOperation"))
						.timeout(Duration.ofSeconds(30))
						.header("Content-Type", "application/x-pki-message")
						.POST(HttpRequest.BodyPublishers.ofByteArray(message))
						.build();
			HttpResponse<byte[]> response = this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
			count((get ? "GET " : "POST ") + "HTTP " + response.statusCode());
			count("HTTP " + response.statusCode());
			if (response.statusCode() == 200) {
				count("CertRep " + certRep(response.body()));
			}
		}
		catch (Exception ex) {
			count("connection failure " + ex.getClass().getSimpleName());
		}
	}

	private static String certRep(byte[] body) {
		try {
			PkiMessage reply = PkiMessage.parse(body);
			String status = ScepAttributes.number(reply.attributes(), ScepObjectIdentifiers.PKI_STATUS)
				.flatMap(PkiStatus::of)
				.map(Enum::name)
				.orElse("no pkiStatus");
			return status + ScepAttributes.number(reply.attributes(), ScepObjectIdentifiers.FAIL_INFO)
				.flatMap(FailInfo::of)
				.map((info) -> " " + info.rfcName())
				.orElse("");
		}
		catch (Exception ex) {
			return "unreadable";
		}
	}

	private void count(String key) {
		this.outcomes.computeIfAbsent(key, (k) -> new LongAdder()).increment();
	}

}
