package io.keyward.loadgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One reading of a Linux process from {@code /proc/<pid>/stat} (utime and stime, fields
 * 14 and 15, in clock ticks) and {@code /proc/<pid>/status} (VmRSS and VmHWM in kB); see
 * proc(5).
 *
 * @param cpuTicks utime + stime
 * @param rssKb resident set size now
 * @param hwmKb peak resident set size since the process started
 */
record ProcessSample(long cpuTicks, long rssKb, long hwmKb) {

	static ProcessSample read(Path procRoot, long pid) throws IOException {
		Path dir = procRoot.resolve(Long.toString(pid));
		return new ProcessSample(cpuTicks(Files.readString(dir.resolve("stat"))),
				kilobytes(Files.readString(dir.resolve("status")), "VmRSS:"),
				kilobytes(Files.readString(dir.resolve("status")), "VmHWM:"));
	}

	/**
	 * The command name (field 2) is in parentheses and may contain spaces and
	 * parentheses, so fields are counted from the last ')'.
	 */
	static long cpuTicks(String stat) throws IOException {
		int end = stat.lastIndexOf(')');
		if (end < 0) {
			throw new IOException("unexpected /proc/<pid>/stat: " + stat);
		}
		// after ')' come field 3 (state), 4, ...: utime is field 14, stime field 15
		String[] fields = stat.substring(end + 1).trim().split("\\s+");
		if (fields.length < 13) {
			throw new IOException("unexpected /proc/<pid>/stat: " + stat);
		}
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
	}

	static long kilobytes(String status, String field) {
		for (String line : status.split("\n")) {
			if (line.startsWith(field)) {
				String[] parts = line.substring(field.length()).trim().split("\\s+");
				return Long.parseLong(parts[0]);
			}
		}
		// kernel threads and zombies have no Vm* lines
		return 0;
	}

}
