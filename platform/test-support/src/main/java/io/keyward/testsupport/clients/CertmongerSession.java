package io.keyward.testsupport.clients;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A private certmonger daemon (Debian package {@code certmonger}) on its own D-Bus
 * session bus, so tests never touch the machine's system bus or certmonger state.
 * Enrollment goes through {@code getcert add-scep-ca} and
 * {@code getcert request -L <challenge>}, which makes certmonger build the PKCSReq itself
 * and send it with {@code /usr/lib/certmonger/scep-submit}; certmonger checks the CertRep
 * signature with OpenSSL's S/MIME rules.
 */
public final class CertmongerSession implements AutoCloseable {

	private static final Path CERTMONGER = Path.of("/usr/sbin/certmonger");

	private static final Path GETCERT = Path.of("/usr/bin/getcert");

	private static final Path DBUS_DAEMON = Path.of("/usr/bin/dbus-daemon");

	private static final Path UNSHARE = Path.of("/usr/bin/unshare");

	/**
	 * The CA bundle Debian's libcurl reads when a program sets no {@code CURLOPT_CAINFO}
	 * (its compiled-in default; libcurl reads neither {@code SSL_CERT_FILE} nor
	 * {@code CURL_CA_BUNDLE}).
	 */
	private static final Path SYSTEM_CA_BUNDLE = Path.of("/etc/ssl/certs/ca-certificates.crt");

	/**
	 * States of {@code getcert list} that change only after hours or never: issued and
	 * saved, rejected, waiting for the CA (after a PENDING), or stuck.
	 */
	private static final Set<String> SETTLED_STATES = Set.of("MONITORING", "CA_REJECTED", "CA_WORKING",
			"CA_UNREACHABLE", "NEED_GUIDANCE", "CA_UNCONFIGURED");

	private final Path home;

	private final Map<String, String> environment;

	private final Process dbus;

	private final Process certmonger;

	private CertmongerSession(Path home, Map<String, String> environment, Process dbus, Process certmonger) {
		this.home = home;
		this.environment = environment;
		this.dbus = dbus;
		this.certmonger = certmonger;
	}

	/**
	 * Start dbus-daemon and certmonger in session mode with state under {@code home}.
	 */
	public static CertmongerSession start(Path home) throws IOException, InterruptedException {
		return start(home, null);
	}

	/**
	 * Start dbus-daemon and certmonger as {@link #start(Path)} does, but with certmonger
	 * seeing a system trust store that also holds {@code systemTrustAddition}, as on a
	 * machine where the operator added the CA with {@code update-ca-certificates}.
	 * certmonger 0.79.17's scep-submit verifies the TLS server of its PKIOperation
	 * against that store only, not against {@code add-scep-ca -R}
	 * (docs/mdm-integration.md). The daemon runs in its own mount namespace
	 * ({@code unshare -m}) where the bundle with the addition is bind-mounted over
	 * {@code /etc/ssl/certs/ca-certificates.crt}, so the machine's store is never
	 * touched.
	 * @param systemTrustAddition PEM file of CAs to add, or null for the store as it is
	 */
	public static CertmongerSession start(Path home, Path systemTrustAddition)
			throws IOException, InterruptedException {
		ExternalCommand.requireInstalled(CERTMONGER, "certmonger");
		ExternalCommand.requireInstalled(GETCERT, "certmonger");
		ExternalCommand.requireInstalled(DBUS_DAEMON, "dbus-daemon");
		home = home.toAbsolutePath();
		Map<String, String> environment = environment(home);
		Process dbus = startBus(home, environment);
		ProcessBuilder daemon = new ProcessBuilder(daemonCommand(home, systemTrustAddition)).redirectErrorStream(true)
			.redirectOutput(home.resolve("certmonger.log").toFile());
		daemon.environment().putAll(environment);
		Process certmonger = daemon.start();
		CertmongerSession session = new CertmongerSession(home, environment, dbus, certmonger);
		session.awaitDaemon();
		return session;
	}

	/**
	 * The environment of the session's processes: certmonger keeps session-mode state
	 * under the user's home from getpwuid, not $HOME; these variables keep it inside
	 * {@code home} instead.
	 */
	static Map<String, String> environment(Path home) throws IOException {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("HOME", home.toString());
		environment.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
		environment.put("XDG_DATA_HOME", home.resolve(".local/share").toString());
		environment.put("CERTMONGER_CONFIG_DIR", home.resolve("config").toString());
		environment.put("CERTMONGER_CAS_DIR", home.resolve("cas").toString());
		environment.put("CERTMONGER_REQUESTS_DIR", home.resolve("requests").toString());
		environment.put("CERTMONGER_LOCAL_CA_DIR", home.resolve("local").toString());
		for (String directory : List.of("config", "cas", "requests", "local")) {
			Files.createDirectories(home.resolve(directory));
		}
		return environment;
	}

	/**
	 * Start the session's own dbus-daemon and add its address to {@code environment}. The
	 * bus activates no service ({@code session-bus.conf}): only the daemon this session
	 * starts ever answers {@code getcert}.
	 */
	static Process startBus(Path home, Map<String, String> environment) throws IOException {
		Path config = home.resolve("session-bus.conf");
		try (var in = CertmongerSession.class.getResourceAsStream("session-bus.conf")) {
			Files.write(config, in.readAllBytes());
		}
		ProcessBuilder bus = new ProcessBuilder(DBUS_DAEMON.toString(), "--config-file=" + config, "--nofork",
				"--print-address=1")
			.redirectError(ProcessBuilder.Redirect.DISCARD);
		bus.environment().putAll(environment);
		Process dbus = bus.start();
		environment.put("DBUS_SESSION_BUS_ADDRESS", readLine(dbus));
		return dbus;
	}

	private static List<String> daemonCommand(Path home, Path systemTrustAddition) throws IOException {
		List<String> certmonger = List.of(CERTMONGER.toString(), "-s", "-n", "-B");
		if (systemTrustAddition == null) {
			return certmonger;
		}
		ExternalCommand.requireInstalled(UNSHARE, "util-linux");
		Path bundle = home.resolve("system-ca-bundle.pem");
		Files.writeString(bundle, Files.readString(SYSTEM_CA_BUNDLE, StandardCharsets.US_ASCII) + "\n"
				+ Files.readString(systemTrustAddition, StandardCharsets.US_ASCII), StandardCharsets.US_ASCII);
		// unshare execs the shell in the new namespace and the shell execs certmonger:
		// one process, which close() ends
		return List.of(UNSHARE.toString(), "--mount", "--propagation", "private", "/bin/sh", "-c",
				"mount --bind \"$1\" " + SYSTEM_CA_BUNDLE + " && exec \"$2\" -s -n -B", "certmonger", bundle.toString(),
				CERTMONGER.toString());
	}

	private static String readLine(Process process) throws IOException {
		StringBuilder line = new StringBuilder();
		int c;
		while ((c = process.getInputStream().read()) != -1 && c != '\n') {
			line.append((char) c);
		}
		if (line.isEmpty()) {
			throw new IOException("dbus-daemon printed no bus address");
		}
		return line.toString().strip();
	}

	private void awaitDaemon() throws IOException, InterruptedException {
		for (int attempt = 0; attempt < 50; attempt++) {
			if (getcert(List.of("list-cas", "-s"), 30).exitCode() == 0) {
				return;
			}
			Thread.sleep(200);
		}
		throw new AssertionError("certmonger did not come up on its session bus; log:\n"
				+ Files.readString(this.home.resolve("certmonger.log"), StandardCharsets.UTF_8));
	}

	/**
	 * {@code getcert add-scep-ca -c <name> -u <url>}.
	 */
	public void addScepCa(String name, String url) throws IOException, InterruptedException {
		addScepCa(name, url, null);
	}

	/**
	 * {@code getcert add-scep-ca -c <name> -u <https url> -R <CA file>}: scep-submit
	 * verifies the server's TLS certificate against the CAs in the file.
	 * @param trustedCas PEM file of the CAs that may sign the server's TLS certificate,
	 * or null
	 */
	public void addScepCa(String name, String url, Path trustedCas) throws IOException, InterruptedException {
		List<String> arguments = new ArrayList<>(List.of("add-scep-ca", "-s", "-c", name, "-u", url));
		if (trustedCas != null) {
			arguments.addAll(List.of("-R", trustedCas.toAbsolutePath().toString()));
		}
		ExternalCommand.Result result = getcert(arguments, 60);
		if (result.exitCode() != 0) {
			throw new AssertionError("getcert add-scep-ca failed: " + result.output());
		}
	}

	/**
	 * What certmonger made of one request.
	 *
	 * @param certificate the issued certificate, when it got one
	 * @param status {@code getcert list} output for the request (status, ca-error)
	 * @param id certmonger's request id, for {@link #resubmit}
	 * @param certificateFile where certmonger saves the certificate
	 */
	public record Enrollment(Optional<X509Certificate> certificate, String status, String id, Path certificateFile) {
	}

	/**
	 * {@code getcert request -c <ca> -L <challenge> -N CN=<cn> -w}, then read the result.
	 */
	public Enrollment request(String ca, String challenge, String commonName, Path workDir)
			throws IOException, InterruptedException {
		Request request = submit(ca, challenge, commonName, workDir, true);
		return read(request, request.output());
	}

	/**
	 * {@code getcert request} without waiting: certmonger submits the request and, while
	 * the CA answers PENDING, polls it with CertPoll on its own schedule.
	 */
	public Request submit(String ca, String challenge, String commonName, Path workDir)
			throws IOException, InterruptedException {
		return submit(ca, challenge, commonName, workDir, false);
	}

	private Request submit(String ca, String challenge, String commonName, Path workDir, boolean wait)
			throws IOException, InterruptedException {
		workDir = workDir.toAbsolutePath();
		Files.createDirectories(workDir);
		Path key = workDir.resolve("certmonger.key");
		Path certificate = workDir.resolve("certmonger.pem");
		String id = "kw" + System.nanoTime();
		List<String> args = new ArrayList<>(List.of("request", "-s", "-c", ca, "-I", id, "-f", certificate.toString(),
				"-k", key.toString(), "-L", challenge, "-N", "CN=" + commonName, "-v"));
		if (wait) {
			args.add("-w");
		}
		ExternalCommand.Result requested = getcert(args, 120);
		if (!wait && requested.exitCode() != 0) {
			throw new AssertionError("getcert request failed: " + requested.output());
		}
		return new Request(id, certificate, requested.output());
	}

	/**
	 * A request certmonger tracks.
	 *
	 * @param id its nickname ({@code getcert list -i})
	 * @param certificate where certmonger saves the certificate
	 * @param output what {@code getcert request} printed
	 */
	public record Request(String id, Path certificate, String output) {
	}

	/**
	 * @return the request's state as {@code getcert list} prints it ({@code CA_WORKING}
	 * while the CA said PENDING, {@code MONITORING} once the certificate is saved,
	 * {@code CA_REJECTED} after a FAILURE)
	 */
	public String state(Request request) throws IOException, InterruptedException {
		String listed = getcert(List.of("list", "-s", "-i", request.id()), 30).output();
		return listed.lines()
			.map(String::strip)
			.filter((line) -> line.startsWith("status:"))
			.map((line) -> line.substring("status:".length()).strip())
			.findFirst()
			.orElse("UNKNOWN");
	}

	/**
	 * Wait while certmonger works on the request: until it is in a state it leaves only
	 * by itself much later, or the timeout.
	 * @return the certificate if one was saved, and the listing
	 */
	public Enrollment await(Request request, Duration timeout) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline && !SETTLED_STATES.contains(state(request))) {
			Thread.sleep(500);
		}
		return read(request, "");
	}

	/**
	 * {@code getcert refresh -i <id>}: certmonger polls a request the CA answered PENDING
	 * now (with CertPoll, RFC 8894 section 3.3.3) instead of on its own schedule, which
	 * is hours.
	 */
	public void refresh(Request request) throws IOException, InterruptedException {
		ExternalCommand.Result result = getcert(List.of("refresh", "-s", "-i", request.id()), 60);
		if (result.exitCode() != 0) {
			throw new AssertionError("getcert refresh failed: " + result.output());
		}
	}

	private Enrollment read(Request request, String output) throws IOException, InterruptedException {
		ExternalCommand.Result listed = getcert(List.of("list", "-s", "-i", request.id()), 30);
		return new Enrollment(MicromdmScepClient.readCertificate(request.certificate()),
				output + "\n" + listed.output(), request.id(), request.certificate());
	}

	/**
	 * {@code getcert resubmit -i <id> -w}: certmonger builds a new request with the same
	 * key and, when the CA advertises {@code Renewal} and it holds a certificate, signs
	 * the PKCSReq with that certificate instead of its self-signed "minicert".
	 * @return the request afterwards: the certificate file as it is then
	 */
	public Enrollment resubmit(Enrollment enrollment) throws IOException, InterruptedException {
		ExternalCommand.Result resubmitted = getcert(List.of("resubmit", "-s", "-i", enrollment.id(), "-w", "-v"), 120);
		ExternalCommand.Result listed = getcert(List.of("list", "-s", "-i", enrollment.id()), 30);
		return new Enrollment(MicromdmScepClient.readCertificate(enrollment.certificateFile()),
				resubmitted.output() + "\n" + listed.output(), enrollment.id(), enrollment.certificateFile());
	}

	private ExternalCommand.Result getcert(List<String> args, long timeoutSeconds)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(GETCERT.toString());
		command.addAll(args);
		return ExternalCommand.run(command, this.environment, this.home, timeoutSeconds);
	}

	@Override
	public void close() throws InterruptedException {
		this.certmonger.destroy();
		if (!this.certmonger.waitFor(10, TimeUnit.SECONDS)) {
			this.certmonger.destroyForcibly();
		}
		this.dbus.destroy();
		this.dbus.waitFor(10, TimeUnit.SECONDS);
	}

}
