package io.keyward.gateway.scep;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.keyward.gateway.AbstractGatewayTests;
import io.keyward.gateway.RawHttp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13: the PKIOperation message size is bounded before the message is read: a POST
 * by its Content-Length (answered without its body being sent), a chunked POST while it
 * is read (at most the limit plus one byte), a GET by Tomcat's request-line limit.
 */
class MessageSizeTests extends AbstractGatewayTests {

	@Test
	void whenContentLengthIsOverTheLimitThen413BeforeTheBodyIsSent() throws Exception {
		try (Socket socket = RawHttp.connect(this.port, "127.0.0.1")) {
			OutputStream out = socket.getOutputStream();
			out.write(("POST /scep/default?operation=PKIOperation HTTP/1.1\r\nHost: localhost\r\n"
					+ "Content-Type: application/x-pki-message\r\nContent-Length: " + (3 * 1024 * 1024) + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			assertThat(RawHttp.read(socket).status()).isEqualTo(413);
		}
	}

	@Test
	void whenAChunkedBodyGrowsOverTheLimitThen413() throws Exception {
		try (Socket socket = RawHttp.connect(this.port, "127.0.0.1")) {
			OutputStream out = socket.getOutputStream();
			out.write(("POST /scep/default?operation=PKIOperation HTTP/1.1\r\nHost: localhost\r\n"
					+ "Content-Type: application/x-pki-message\r\nTransfer-Encoding: chunked\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			byte[] chunk = new byte[64 * 1024];
			byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
			try {
				for (int i = 0; i < 3 * 16 + 1; i++) {
					out.write(size);
					out.write(chunk);
					out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
				}
				out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				out.flush();
			}
			catch (IOException answeredEarly) {
				// the gateway may answer and close before the rest is sent
			}
			assertThat(RawHttp.read(socket).status()).isEqualTo(413);
		}
	}

	@Test
	void whenAGetMessageIsOverTheRequestLineLimitThen400Unread() throws Exception {
		String message = "A".repeat(100 * 1024);
		RawHttp.Response response = RawHttp.exchange(this.port, "127.0.0.1",
				"GET /scep/default?operation=PKIOperation&message=" + message
						+ " HTTP/1.1\r\nHost: localhost\r\nConnection: close",
				new byte[0]);
		assertThat(response.status()).isEqualTo(400);
	}

}
