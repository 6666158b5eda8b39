package io.keyward.loadgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class ProcessSampleTests {

	// a real line from a JVM, command name with a space and a parenthesis
	static final String STAT = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 51234 0 12 0 1500 250 0 0 20 0 57 0 "
			+ "123456 4000000000 120000 18446744073709551615 1 1 0 0 0 0 0 4096 17102 0 0 0 17 1 0 0 0 0 0";

	static final String STATUS = """
			Name:	java
			State:	S (sleeping)
			VmPeak:	 5000000 kB
			VmHWM:	  524288 kB
			VmRSS:	  262144 kB
			Threads:	57
			""";

	@Test
	void whenStatIsReadThenUtimePlusStimeCountedFromTheLastParenthesis() throws IOException {
		assertThat(ProcessSample.cpuTicks(STAT)).isEqualTo(1750);
	}

	@Test
	void whenStatusIsReadThenRssAndHwmInKilobytes() {
		assertThat(ProcessSample.kilobytes(STATUS, "VmRSS:")).isEqualTo(262144);
		assertThat(ProcessSample.kilobytes(STATUS, "VmHWM:")).isEqualTo(524288);
		assertThat(ProcessSample.kilobytes("Name:\tkthreadd\n", "VmRSS:")).isZero();
	}

	@Test
	void whenStatIsTruncatedThenIOException() {
		assertThatIOException().isThrownBy(() -> ProcessSample.cpuTicks("4242 (java) S 1 2"));
		assertThatIOException().isThrownBy(() -> ProcessSample.cpuTicks("garbage"));
	}

	@Test
	void whenTwoPidsAreSampledThenCpuIsSummedAndConvertedToMilliseconds(@TempDir Path proc) throws IOException {
		write(proc, 1, STAT, STATUS);
		write(proc, 2, STAT, STATUS);
		ProcSampler sampler = new ProcSampler(proc, List.of(1L, 2L), 100);
		sampler.start();
		write(proc, 1, STAT.replace(" 1500 250 ", " 1600 300 "), STATUS.replace("262144", "300000"));
		ServerUsage usage = sampler.stop();
		sampler.close();
		// (100 + 50) ticks at 100 Hz
		assertThat(usage.cpuMillis()).isEqualTo(1500.0);
		assertThat(usage.peakRssMib()).isEqualTo((300000 + 262144) / 1024.0);
		assertThat(usage.hwmMib()).isEqualTo(1024.0);
		assertThat(usage.pids()).containsExactly(1L, 2L);
	}

	@Test
	void whenThisJvmIsSampledThenTheFiguresAreSensible() throws IOException {
		ProcessSample sample = ProcessSample.read(Path.of("/proc"), ProcessHandle.current().pid());
		assertThat(sample.cpuTicks()).isPositive();
		assertThat(sample.rssKb()).isPositive();
		assertThat(sample.hwmKb()).isGreaterThanOrEqualTo(sample.rssKb());
	}

	private static void write(Path proc, long pid, String stat, String status) throws IOException {
		Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
		Files.writeString(dir.resolve("stat"), stat);
		Files.writeString(dir.resolve("status"), status);
	}

}
