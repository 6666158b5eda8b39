package io.keyward.testsupport;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;

import org.junit.jupiter.api.Assumptions;

/**
 * A request that reaches a service from outside loopback: sent to this machine's own
 * non-loopback address, so the service sees that address as the caller's, as it would see
 * another host's.
 */
public final class FromOutside {

	private FromOutside() {
	}

	/**
	 * GET {@code http://<non-loopback address>:<port><path>}; the test is skipped on a
	 * machine with no such address.
	 * @return the HTTP status
	 */
	public static int get(int port, String path) throws IOException, InterruptedException {
		InetAddress address = nonLoopbackAddress();
		try (HttpClient http = HttpClient.newHttpClient()) {
			return http
				.send(HttpRequest.newBuilder(URI.create("http://" + address.getHostAddress() + ":" + port + path))
					.build(), HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
	}

	private static InetAddress nonLoopbackAddress() throws SocketException {
		for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
			if (network.isUp() && !network.isLoopback()) {
				for (InetAddress address : Collections.list(network.getInetAddresses())) {
					if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
						return address;
					}
				}
			}
		}
		Assumptions.abort("this machine has no non-loopback IPv4 address to call from");
		throw new IllegalStateException("unreachable");
	}

}
