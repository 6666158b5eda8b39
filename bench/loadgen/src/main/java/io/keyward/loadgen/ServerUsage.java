package io.keyward.loadgen;

import java.util.List;

/**
 * What the server processes used during the timed phase, summed over their pids.
 *
 * @param pids the sampled processes
 * @param cpuMillis utime + stime consumed between the start and the end of the timed
 * phase
 * @param peakRssMib the largest sum of VmRSS seen at a sample (once a second)
 * @param hwmMib the sum of the processes' VmHWM at the end (each process's own peak)
 * @param samples how many samples were taken
 */
public record ServerUsage(List<Long> pids, double cpuMillis, double peakRssMib, double hwmMib, int samples) {

}
