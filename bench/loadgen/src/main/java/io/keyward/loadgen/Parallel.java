package io.keyward.loadgen;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * CPU-bound preparation (keys, certificates, requests) on a pool of its own, never the
 * common ForkJoinPool: when the load generator runs inside a JVM that also hosts the
 * services (the standalone tests), work parked on the common pool can hold up their
 * asynchronous HTTP completions.
 */
final class Parallel {

	private Parallel() {
	}

	static <T> List<T> map(int count, IntFunction<T> function) {
		ForkJoinPool pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
		try {
			return pool.submit(() -> IntStream.range(0, count).parallel().mapToObj(function).toList()).get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while preparing", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(ex.getCause());
		}
		finally {
			pool.shutdownNow();
		}
	}

}
