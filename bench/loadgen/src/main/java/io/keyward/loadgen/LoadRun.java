package io.keyward.loadgen;

import java.io.IOException;
import java.io.PrintStream;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.keyward.scep.MessageType;
import io.keyward.scep.client.ScepRequestBuilder;

/**
 * One load run: prepare (challenges, device keys, GetCACaps/GetCACert, requests; none of
 * it timed), warm up, then the timed phase with P workers, then the report. Usable as a
 * library: tests run it against a booted suite.
 */
public final class LoadRun {

	private final LoadgenOptions options;

	private final ChallengeSource challenges;

	private final PrintStream progress;

	private List<KeyPair> keys = List.of();

	private CyclicBarrier startTogether;

	private boolean inOwnJvm;

	/**
	 * @param options what to run
	 * @param challenges where the challenges come from (usually
	 * {@link ChallengeSource#from(LoadgenOptions)})
	 * @param progress where progress lines go, or null for none
	 */
	public LoadRun(LoadgenOptions options, ChallengeSource challenges, PrintStream progress) {
		this.options = options;
		this.challenges = challenges;
		this.progress = progress;
	}

	/**
	 * Shares these keys between the devices round-robin instead of generating keys (RSA
	 * key generation dominates the preparation; tests reuse one pool across runs).
	 * @param keys the key pairs
	 * @return this run
	 */
	public LoadRun withKeys(List<KeyPair> keys) {
		this.keys = List.copyOf(keys);
		return this;
	}

	/**
	 * Makes several runs start their timed phases at the same instant, e.g. to race two
	 * gateways for the same challenges.
	 * @param barrier awaited (at most a minute) just before the timed phase
	 * @return this run
	 */
	public LoadRun startTogether(CyclicBarrier barrier) {
		this.startTogether = barrier;
		return this;
	}

	/**
	 * Says that this JVM runs nothing but the load generator, so that its own JIT and GC
	 * can be kept out of the measurement: the run rehearses the client's exchange first
	 * ({@link ClientRehearsal}) and collects the preparation's garbage just before the
	 * timed phase. Not for a JVM that also hosts the services, as in the suite's tests: a
	 * full collection would stop them too.
	 * @return this run
	 */
	public LoadRun inOwnJvm() {
		this.inOwnJvm = true;
		return this;
	}

	/**
	 * @param options what to run; challenges as the options say, progress to stderr
	 * @return the run
	 */
	public static LoadRun of(LoadgenOptions options) {
		return new LoadRun(options, ChallengeSource.from(options), System.err);
	}

	/**
	 * Runs it.
	 * @return the report
	 * @throws IOException when the preparation fails (challenges cannot be minted,
	 * GetCACert unreadable); failures of the load itself are in the report
	 */
	public RunReport run() throws IOException, InterruptedException {
		int total = this.options.totalDevices();
		List<Device> devices = List.of();
		if (this.options.mix() != Mix.CAPS) {
			say("preparing %d devices (RSA-%d keys, challenges %s)", total, this.options.keySize(),
					ReportJson.challengeMode(this.options.challenge()));
			List<String> challengeList = this.challenges.challenges(total);
			List<KeyPair> pool = this.keys;
			if (pool.isEmpty() && this.options.keyPool() > 0) {
				pool = DeviceFixtures.keyPool(this.options.keyPool(), this.options.keySize());
			}
			devices = DeviceFixtures.generate(runId(), challengeList, this.options.keySize(),
					this.options.mix() == Mix.RENEWAL, pool);
		}
		try (ScepEndpoint endpoint = new ScepEndpoint(this.options.url(), this.options.caIdent(),
				this.options.timeout(), this.options.concurrency())) {
			ServerCertificates server = serverCertificates(endpoint);
			List<Device> prepared = devices;
			List<PreparedRequest> requests = Parallel.map(prepared.size(),
					(i) -> PreparedRequest.pkcsReq(prepared.get(i), server, this.options));
			if (this.inOwnJvm && this.options.rehearsals() > 0 && !requests.isEmpty()) {
				say("rehearsing the client's exchange against a stand-in in this JVM: up to %d",
						this.options.rehearsals());
				ClientRehearsal.run(requests, this.options, this.options.rehearsals());
			}
			int warmup = this.options.warmup();
			Recorder warm = new Recorder();
			if (warmup > 0) {
				say("warm-up: %d iterations", warmup);
				phase(endpoint, server, slice(requests, 0, warmup), warmup, warm, false);
			}
			if (this.inOwnJvm) {
				// the preparation's garbage goes now, not in a collection that stops the
				// timing workers during the timed phase
				System.gc();
			}
			awaitTheOthers();
			Timeline timeline = (this.options.timeline() != null) ? new Timeline() : null;
			Recorder timed = new Recorder(timeline);
			ProcSampler sampler = this.options.pids().isEmpty() ? null : ProcSampler.forThisHost(this.options.pids());
			try {
				if (sampler != null) {
					sampler.start();
				}
				ClientUsage clientBefore = ClientUsage.now();
				long start = System.nanoTime();
				phase(endpoint, server, slice(requests, warmup, total), this.options.devices(), timed, true);
				double wallSeconds = (System.nanoTime() - start) / 1e9;
				ClientUsage client = ClientUsage.now().since(clientBefore);
				ServerUsage usage = (sampler != null) ? sampler.stop() : null;
				if (timeline != null) {
					timeline.write(this.options.timeline());
				}
				List<IssuedCertificate> issued = new ArrayList<>(warm.issuedCertificates());
				issued.addAll(timed.issuedCertificates());
				return new RunReport(this.options, wallSeconds, timed.iterations(), timed.failedIterations(),
						timed.enrollments(), timed.latencySummaries(), timed.failures(), warm.failures(),
						List.copyOf(issued), DuplicateSerials.find(issued), usage, client, timed.startLagSummary());
			}
			finally {
				if (sampler != null) {
					sampler.close();
				}
			}
		}
	}

	private void awaitTheOthers() throws IOException, InterruptedException {
		if (this.startTogether != null) {
			try {
				this.startTogether.await(1, TimeUnit.MINUTES);
			}
			catch (BrokenBarrierException | TimeoutException ex) {
				throw new IOException("the other runs did not get ready", ex);
			}
		}
	}

	private ServerCertificates serverCertificates(ScepEndpoint endpoint) throws IOException, InterruptedException {
		ScepEndpoint.Response caps = endpoint.get("GetCACaps");
		ScepEndpoint.Response caCert = endpoint.get("GetCACert");
		if (caCert.statusCode() != 200) {
			throw new IOException("GetCACert answered HTTP " + caCert.statusCode());
		}
		try {
			return ServerCertificates.of((caps.statusCode() == 200) ? new String(caps.body()) : "", caCert.body());
		}
		catch (CertificateException ex) {
			throw new IOException("GetCACert answer is not a certificate or PKCS#7: " + ex.getMessage(), ex);
		}
	}

	private static List<PreparedRequest> slice(List<PreparedRequest> requests, int from, int to) {
		return requests.isEmpty() ? Collections.nCopies(to - from, null) : requests.subList(from, to);
	}

	private void phase(ScepEndpoint endpoint, ServerCertificates server, List<PreparedRequest> requests, int count,
			Recorder recorder, boolean timed) throws InterruptedException {
		boolean showProgress = timed;
		PkiExchange exchange = new PkiExchange(endpoint, server, recorder);
		AtomicInteger next = new AtomicInteger();
		long start = System.nanoTime();
		// at a rate the warm-up arrives on the same schedule (untimed), so that the timed
		// phase begins in the steady state it measures: not straight after the idle
		// minute of the preparation, nor after a closed-loop burst
		OpenLoopSchedule schedule = this.options.openLoop() ? OpenLoopSchedule.startingNow(this.options.rate()) : null;
		ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
		if (showProgress && this.progress != null) {
			ticker.scheduleAtFixedRate(() -> progressLine(recorder, count, start), 1, 1, TimeUnit.SECONDS);
		}
		List<Thread> workers = new ArrayList<>();
		for (int w = 0; w < Math.min(this.options.concurrency(), count); w++) {
			workers.add(Thread.ofPlatform().name("loadgen-worker-" + w).start(() -> {
				int i;
				while ((i = next.getAndIncrement()) < count && !Thread.currentThread().isInterrupted()) {
					try {
						long begin = (schedule != null) ? schedule.awaitTurn(i) : System.nanoTime();
						if (schedule != null) {
							recorder.startLag(System.nanoTime() - begin);
						}
						recorder.iterationDone(iteration(endpoint, server, exchange, recorder, requests.get(i), begin));
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
			}));
		}
		try {
			for (Thread worker : workers) {
				worker.join();
			}
		}
		finally {
			workers.forEach(Thread::interrupt);
			ticker.shutdownNow();
		}
		if (showProgress && this.progress != null) {
			progressLine(recorder, count, start);
		}
	}

	private boolean iteration(ScepEndpoint endpoint, ServerCertificates server, PkiExchange exchange, Recorder recorder,
			PreparedRequest request, long start) throws InterruptedException {
		if (this.options.mix() == Mix.CAPS) {
			boolean caps = get(endpoint, Operation.GET_CA_CAPS, recorder, start);
			return get(endpoint, Operation.GET_CA_CERT, recorder, System.nanoTime()) && caps;
		}
		Device device = request.device();
		X509Certificate issued = exchange.exchange(start, Operation.PKI_OPERATION, request.pkiMessage(),
				request.senderNonce(), device.transactionId(), device.keys().getPrivate(), device.keys().getPublic(),
				device.challenge());
		if (issued == null || this.options.mix() != Mix.RENEWAL) {
			return issued != null;
		}
		// RFC 8894 section 3.3.1.2: signed with the certificate being renewed, new key in
		// the CSR; built here because it needs the certificate just issued
		Device.Renewal renewal = device.renewal();
		byte[] nonce = PreparedRequest.nonce();
		byte[] message = ScepRequestBuilder.pkiMessage(MessageType.RENEWAL_REQ, renewal.csr(), issued,
				device.keys().getPrivate(), server.encryption(), renewal.transactionId(), nonce, this.options.cipher(),
				this.options.digest());
		return exchange.exchange(Operation.RENEWAL_REQ, message, nonce, renewal.transactionId(),
				device.keys().getPrivate(), renewal.keys().getPublic(), null) != null;
	}

	private static boolean get(ScepEndpoint endpoint, Operation operation, Recorder recorder, long start)
			throws InterruptedException {
		try {
			ScepEndpoint.Response response = endpoint.get(operation.wireName());
			long nanos = System.nanoTime() - start;
			boolean ok = response.statusCode() == 200 && response.body().length > 0;
			recorder.record(operation, start, nanos, ok ? null : "HTTP " + response.statusCode());
			return ok;
		}
		catch (IOException ex) {
			recorder.record(operation, start, System.nanoTime() - start, PkiExchange.kind(ex));
			return false;
		}
	}

	private void progressLine(Recorder recorder, int count, long start) {
		double seconds = (System.nanoTime() - start) / 1e9;
		int done = recorder.iterations();
		this.progress.printf(Locale.ROOT, "[loadgen] %d/%d done, %.1f/s, %d failed%n", done, count,
				(seconds > 0) ? done / seconds : 0.0, recorder.failedIterations());
	}

	private void say(String format, Object... args) {
		if (this.progress != null) {
			this.progress.printf(Locale.ROOT, "[loadgen] " + format + "%n", args);
		}
	}

	private static String runId() {
		byte[] id = new byte[4];
		new SecureRandom().nextBytes(id);
		return HexFormat.of().formatHex(id);
	}

}
