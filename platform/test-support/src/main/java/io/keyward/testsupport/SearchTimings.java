package io.keyward.testsupport;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * The search benchmarks' stopwatch (bench/search.sh): one search run six times, the first
 * call reported as cold and the median and maximum of the other five as warm. It checks
 * only that the search found what it should; times are printed, never asserted.
 */
public final class SearchTimings {

	private SearchTimings() {
	}

	/**
	 * @param kind the search's name in the report
	 * @param search runs the search and answers how many rows its page held
	 * @param expected rows the page must hold at least (0: exactly none)
	 * @return the report line, {@code search="..." cold_ms=... warm_median_ms=...}
	 */
	public static String time(String kind, IntSupplier search, int expected) {
		double[] millis = new double[6];
		for (int i = 0; i < millis.length; i++) {
			long start = System.nanoTime();
			int rows = search.getAsInt();
			millis[i] = (System.nanoTime() - start) / 1e6;
			if ((expected == 0) != (rows == 0)) {
				throw new AssertionError(kind + ": " + rows + " rows, expected " + ((expected == 0) ? "none" : "some"));
			}
		}
		double cold = millis[0];
		double[] warm = Arrays.copyOfRange(millis, 1, millis.length);
		Arrays.sort(warm);
		return String.format(Locale.ROOT, "search=\"%s\" cold_ms=%.1f warm_median_ms=%.1f warm_max_ms=%.1f", kind, cold,
				warm[warm.length / 2], warm[warm.length - 1]);
	}

}
