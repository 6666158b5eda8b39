package io.keyward.gateway;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for what {@link java.net.http.HttpClient} cannot do:
 * choose the source address (127.0.0.x), send headers without their body, hold a request
 * open half-sent.
 */
public final class RawHttp {

	private RawHttp() {
	}

	/**
	 * @param from source address, for example {@code 127.0.0.2}
	 * @return a socket to the gateway on loopback
	 */
	public static Socket connect(int port, String from) throws IOException {
		Socket socket = new Socket(InetAddress.getLoopbackAddress(), port, InetAddress.getByName(from), 0);
		socket.setSoTimeout(30_000);
		return socket;
	}

	/**
	 * Send {@code head} (request line and headers, without the blank line) and
	 * {@code body}, and read the answer's status and headers.
	 */
	public static Response exchange(int port, String from, String head, byte[] body) throws IOException {
		try (Socket socket = connect(port, from)) {
			OutputStream out = socket.getOutputStream();
			out.write((head + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.write(body);
			out.flush();
			return read(socket);
		}
	}

	/**
	 * @return the status and headers of the answer on {@code socket}
	 */
	public static Response read(Socket socket) throws IOException {
		BufferedReader in = new BufferedReader(
				new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
		String status = in.readLine();
		Map<String, String> headers = new HashMap<>();
		for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
			int colon = line.indexOf(':');
			headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
		}
		return new Response(Integer.parseInt(status.split(" ")[1]), headers);
	}

	/**
	 * @param status the HTTP status
	 * @param headers by lower-case name
	 */
	public record Response(int status, Map<String, String> headers) {
	}

}
