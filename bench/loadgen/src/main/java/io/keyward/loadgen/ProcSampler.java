package io.keyward.loadgen;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples server processes at the start, every second and at the end of the timed phase.
 */
final class ProcSampler implements AutoCloseable {

	private final Path procRoot;

	private final List<Long> pids;

	private final long ticksPerSecond;

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((r) -> {
		Thread thread = new Thread(r, "loadgen-proc-sampler");
		thread.setDaemon(true);
		return thread;
	});

	private long startTicks;

	private long peakRssKb;

	private int samples;

	ProcSampler(Path procRoot, List<Long> pids, long ticksPerSecond) {
		this.procRoot = procRoot;
		this.pids = List.copyOf(pids);
		this.ticksPerSecond = ticksPerSecond;
	}

	static ProcSampler forThisHost(List<Long> pids) {
		return new ProcSampler(Path.of("/proc"), pids, clockTicks());
	}

	void start() throws IOException {
		this.startTicks = sample().cpuTicks();
		this.timer.scheduleAtFixedRate(this::sampleQuietly, 1, 1, TimeUnit.SECONDS);
	}

	ServerUsage stop() throws IOException {
		this.timer.shutdownNow();
		ProcessSample end = sample();
		double cpuMillis = (end.cpuTicks() - this.startTicks) * 1000.0 / this.ticksPerSecond;
		synchronized (this) {
			return new ServerUsage(this.pids, cpuMillis, this.peakRssKb / 1024.0, end.hwmKb() / 1024.0, this.samples);
		}
	}

	/**
	 * @return the sum over all pids
	 */
	synchronized ProcessSample sample() throws IOException {
		long ticks = 0;
		long rss = 0;
		long hwm = 0;
		for (long pid : this.pids) {
			ProcessSample one = ProcessSample.read(this.procRoot, pid);
			ticks += one.cpuTicks();
			rss += one.rssKb();
			hwm += one.hwmKb();
		}
		this.peakRssKb = Math.max(this.peakRssKb, rss);
		this.samples++;
		return new ProcessSample(ticks, rss, hwm);
	}

	private void sampleQuietly() {
		try {
			sample();
		}
		catch (IOException ex) {
			// the process exited; stop() reports the failure
		}
	}

	/**
	 * USER_HZ is 100 on every mainstream Linux build; ask getconf in case it is not.
	 */
	static long clockTicks() {
		try {
			Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
			String out = new String(getconf.getInputStream().readAllBytes()).strip();
			if (getconf.waitFor() == 0 && !out.isEmpty()) {
				return Long.parseLong(out);
			}
		}
		catch (IOException | NumberFormatException ex) {
			// fall through to the default
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return 100;
	}

	@Override
	public void close() {
		this.timer.shutdownNow();
	}

}
