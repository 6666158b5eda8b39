package io.keyward.loadgen;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cms.CMSAlgorithm;

/**
 * The command line, parsed and checked. Every option also has a library default so tests
 * can build a run with {@link #parse(String...)}.
 *
 * @param url the SCEP URL, e.g. {@code http://127.0.0.1:8080/scep/default}
 * @param devices how many devices to enroll in the timed phase
 * @param concurrency how many requests are in flight at once (in an open-loop run: at
 * most)
 * @param rate 0 for a closed loop (each worker sends its next request when the last one
 * is answered), else requests per second started on a fixed schedule whatever the answers
 * (open loop, {@link OpenLoopSchedule})
 * @param challenge {@code none}, {@code static:<secret>} or {@code api:<base-url>}
 * @param apiKey bearer key for {@code api:} challenges
 * @param profile the challenge profile minted for {@code api:} challenges
 * @param keySize RSA key size of the devices
 * @param keyPool share this many keys between the devices (0: a fresh key per device)
 * @param cipherName {@code aes128} or {@code des3}
 * @param digest JCA digest name
 * @param mix what each iteration does
 * @param warmup untimed iterations before the timed phase
 * @param rehearsals CertRep replies signed and read locally before the warm-up (the
 * client's own JIT warm-up, see {@link ClientRehearsal})
 * @param json where to write the JSON report, or null
 * @param timeline where to write every timed request's start and latency as CSV
 * ({@link Timeline}), or null
 * @param pids server processes to sample
 * @param timeout per-request timeout
 * @param caIdent the GetCACert/GetCACaps {@code message} parameter, or null to omit it
 * @param help only print the usage
 */
public record LoadgenOptions(URI url, int devices, int concurrency, double rate, String challenge, String apiKey,
		String profile, int keySize, int keyPool, String cipherName, String digest, Mix mix, int warmup, int rehearsals,
		Path json, Path timeline, List<Long> pids, Duration timeout, String caIdent, boolean help) {

	static final String USAGE = """
			Usage: java -jar keyward-loadgen.jar --url <SCEP URL> [options]

			  --url URL            SCEP endpoint, e.g. http://127.0.0.1:8080/scep/default
			                       or http://127.0.0.1:2016/scep (micromdm scepserver)
			  --devices N          devices enrolled in the timed phase (default 100)
			  --concurrency P      requests in flight at once (default 8); with --rate the
			                       most in flight (workers), e.g. 64
			  --rate R             open loop: start R requests per second on a fixed
			                       schedule whatever the answers, latency counted from
			                       each request's intended start (default: closed loop)
			  --challenge SPEC     none (default) | static:<secret> | api:<challenge-service URL>
			                       (api: mints one challenge per device ahead over
			                       POST /api/v1/challenges, not timed)
			  --api-key KEY        bearer key for api: (or env KEYWARD_LOADGEN_API_KEY)
			  --profile NAME       challenge profile to mint for (default "default")
			  --key-size BITS      device RSA key size (default 2048); keys are made ahead
			  --key-pool N         share N keys between all devices, round-robin, instead of
			                       a fresh key per device (faster preparation; the
			                       transactionID then also hashes the device's subject)
			  --cipher NAME        aes128 (default) | des3: the request envelope's cipher
			  --digest NAME        sha256 (default) | sha1 | sha512
			  --mix MIX            enroll (default) | caps (GetCACaps+GetCACert) |
			                       renewal (enroll, then RenewalReq signed by the new certificate)
			  --warmup N           untimed iterations first (default 0); with --rate
			                       they arrive at that rate too, so the timed phase
			                       starts in a steady state
			  --rehearsals N       before any request, run up to N exchanges against a
			                       stand-in server in this JVM (CertReps signed here) so
			                       that the client's own code is compiled before the
			                       timed phase; the server sees none (default 2000, 0: off)
			  --json FILE          also write the report as JSON
			  --timeline FILE      also write every timed request as a CSV line: when it
			                       was due (epoch ms), latency ms, operation, outcome
			  --pids PID,PID       server processes: CPU ms per enrollment and peak RSS
			  --timeout SECONDS    per request (default 30)
			  --ca-ident NAME      message= parameter of GetCACaps/GetCACert (default omitted)
			  --help               this text

			Exit status: 0 all succeeded, 1 any failure or duplicate serial, 2 usage error.
			""";

	/**
	 * Parses {@code --name value} and {@code --name=value} arguments.
	 * @param args the command line
	 * @return the options
	 * @throws IllegalArgumentException with a message for the user when an option is
	 * unknown, missing or out of range
	 */
	public static LoadgenOptions parse(String... args) {
		Builder b = new Builder();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (arg.equals("--help") || arg.equals("-h")) {
				b.help = true;
				continue;
			}
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("unexpected argument " + arg);
			}
			String name = arg;
			String value;
			int equals = arg.indexOf('=');
			if (equals > 0) {
				name = arg.substring(0, equals);
				value = arg.substring(equals + 1);
			}
			else if (i + 1 < args.length) {
				value = args[++i];
			}
			else {
				throw new IllegalArgumentException(name + " needs a value");
			}
			b.set(name, value);
		}
		return b.build();
	}

	/**
	 * @return the CMS content-encryption algorithm of the request envelope
	 */
	public ASN1ObjectIdentifier cipher() {
		return "des3".equals(this.cipherName) ? CMSAlgorithm.DES_EDE3_CBC : CMSAlgorithm.AES128_CBC;
	}

	/**
	 * Without the API key and the static challenge: options end up in logs.
	 */
	@Override
	public String toString() {
		return "LoadgenOptions[url=" + this.url + ", devices=" + this.devices + ", concurrency=" + this.concurrency
				+ ", rate=" + this.rate + ", challenge=" + ReportJson.challengeMode(this.challenge) + ", mix="
				+ this.mix.label() + ", warmup=" + this.warmup + ", rehearsals=" + this.rehearsals + ", keySize="
				+ this.keySize + ", keyPool=" + this.keyPool + ", cipher=" + this.cipherName + ", digest=" + this.digest
				+ "]";
	}

	/**
	 * @return true when requests start on a fixed schedule ({@code --rate}), not when the
	 * last answer came
	 */
	public boolean openLoop() {
		return this.rate > 0;
	}

	/**
	 * @return the total number of devices (warm-up and timed)
	 */
	public int totalDevices() {
		return this.warmup + this.devices;
	}

	private static final class Builder {

		URI url;

		int devices = 100;

		int concurrency = 8;

		double rate;

		String challenge = "none";

		String apiKey = System.getenv("KEYWARD_LOADGEN_API_KEY");

		String profile = "default";

		int keySize = 2048;

		int keyPool;

		String cipher = "aes128";

		String digest = "SHA-256";

		Mix mix = Mix.ENROLL;

		int warmup;

		int rehearsals = 2000;

		Path json;

		Path timeline;

		List<Long> pids = List.of();

		Duration timeout = Duration.ofSeconds(30);

		String caIdent;

		boolean help;

		void set(String name, String value) {
			switch (name) {
				case "--url" -> this.url = url(value);
				case "--devices" -> this.devices = number(name, value, 1);
				case "--concurrency" -> this.concurrency = number(name, value, 1);
				case "--rate" -> this.rate = rate(value);
				case "--challenge" -> this.challenge = challenge(value);
				case "--api-key" -> this.apiKey = value;
				case "--profile" -> this.profile = value;
				case "--key-size" -> this.keySize = number(name, value, 1024);
				case "--key-pool" -> this.keyPool = number(name, value, 0);
				case "--cipher" -> this.cipher = oneOf(name, value, "aes128", "des3");
				case "--digest" -> this.digest = digest(value);
				case "--mix" -> this.mix = Mix.parse(value);
				case "--warmup" -> this.warmup = number(name, value, 0);
				case "--rehearsals" -> this.rehearsals = number(name, value, 0);
				case "--json" -> this.json = Path.of(value);
				case "--timeline" -> this.timeline = Path.of(value);
				case "--pids" -> this.pids = pids(value);
				case "--timeout" -> this.timeout = Duration.ofSeconds(number(name, value, 1));
				case "--ca-ident" -> this.caIdent = value;
				default -> throw new IllegalArgumentException("unknown option " + name);
			}
		}

		LoadgenOptions build() {
			if (!this.help && this.url == null) {
				throw new IllegalArgumentException("--url is required");
			}
			if (this.challenge.startsWith("api:") && (this.apiKey == null || this.apiKey.isBlank())) {
				throw new IllegalArgumentException("--challenge api: needs --api-key (or KEYWARD_LOADGEN_API_KEY)");
			}
			return new LoadgenOptions(this.url, this.devices, this.concurrency, this.rate, this.challenge, this.apiKey,
					this.profile, this.keySize, this.keyPool, this.cipher, this.digest, this.mix, this.warmup,
					this.rehearsals, this.json, this.timeline, this.pids, this.timeout, this.caIdent, this.help);
		}

		private static URI url(String value) {
			URI uri = URI.create(value);
			if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
				throw new IllegalArgumentException("--url must be an http or https URL, not " + value);
			}
			return uri;
		}

		private static int number(String name, String value, int min) {
			try {
				int number = Integer.parseInt(value);
				if (number < min) {
					throw new IllegalArgumentException(name + " must be at least " + min + ", not " + value);
				}
				return number;
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(name + " must be a number, not " + value);
			}
		}

		private static double rate(String value) {
			try {
				double rate = Double.parseDouble(value);
				if (!(rate > 0) || Double.isInfinite(rate)) {
					throw new IllegalArgumentException("--rate must be more than 0 requests per second, not " + value);
				}
				return rate;
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("--rate must be a number of requests per second, not " + value);
			}
		}

		private static String challenge(String value) {
			if (value.equals("none") || (value.startsWith("static:") && value.length() > "static:".length())) {
				return value;
			}
			if (value.startsWith("api:")) {
				url(value.substring("api:".length()));
				return value;
			}
			throw new IllegalArgumentException("--challenge must be none, static:<secret> or api:<url>, not " + value);
		}

		private static String digest(String value) {
			return switch (oneOf("--digest", value.toLowerCase(Locale.ROOT).replace("-", ""), "sha1", "sha256",
					"sha512")) {
				case "sha1" -> "SHA-1";
				case "sha512" -> "SHA-512";
				default -> "SHA-256";
			};
		}

		private static String oneOf(String name, String value, String... allowed) {
			for (String candidate : allowed) {
				if (candidate.equals(value)) {
					return value;
				}
			}
			throw new IllegalArgumentException(
					name + " must be one of " + String.join(", ", allowed) + ", not " + value);
		}

		private static List<Long> pids(String value) {
			List<Long> pids = new ArrayList<>();
			for (String part : value.split(",")) {
				if (!part.isBlank()) {
					try {
						pids.add(Long.parseLong(part.strip()));
					}
					catch (NumberFormatException ex) {
						throw new IllegalArgumentException(
								"--pids must be process ids separated by commas, not " + value);
					}
				}
			}
			return List.copyOf(pids);
		}

	}

}
