package io.keyward.loadgen;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;

import io.keyward.scep.NativeCrypto;

/**
 * Command-line entry point: {@code java -jar keyward-loadgen.jar --url ... --devices N}.
 * Exit status 0 when every request succeeded and no serial number was issued twice, 1
 * otherwise, 2 for a usage error or a failed preparation.
 */
public final class LoadGenerator {

	private LoadGenerator() {
	}

	public static void main(String[] args) {
		clientCrypto();
		System.exit(run(args, System.out, System.err));
	}

	/**
	 * The client's own RSA (decrypting every CertRep with the device key) on AWS-LC where
	 * its native library loads, as the services use it: the load generator shares the
	 * machine with the server under test, and the JDK's RSA would make the client, not
	 * the server, the limit. {@code KEYWARD_NATIVE_CRYPTO=false} keeps the JDK's.
	 */
	private static void clientCrypto() {
		System.err.println("loadgen crypto: " + NativeCrypto.install());
	}

	static int run(String[] args, PrintStream out, PrintStream err) {
		LoadgenOptions options;
		try {
			options = LoadgenOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			err.println("loadgen: " + ex.getMessage());
			err.println("Try --help.");
			return 2;
		}
		if (options.help()) {
			out.print(LoadgenOptions.USAGE);
			return 0;
		}
		try {
			RunReport report = new LoadRun(options, ChallengeSource.from(options), err).inOwnJvm().run();
			out.print(ReportText.render(report));
			if (options.json() != null) {
				Files.writeString(options.json(), ReportJson.render(report));
				out.println("  JSON report: " + options.json().toAbsolutePath());
			}
			return report.ok() ? 0 : 1;
		}
		catch (IOException ex) {
			// a refused connection carries no message: name the exception then
			err.println("loadgen: " + ((ex.getMessage() != null) ? ex.getMessage() : ex.toString()));
			return 2;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			err.println("loadgen: interrupted");
			return 2;
		}
	}

}
