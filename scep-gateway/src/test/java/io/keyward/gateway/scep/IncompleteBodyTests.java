package io.keyward.gateway.scep;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.keyward.gateway.AbstractGatewayTests;
import io.keyward.gateway.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the PKIOperation limits off the controller reads the body itself; a device that
 * goes away mid-body is its own doing (fuzz report: ERROR event=unexpected_error with the
 * ClientAbortException's stack trace).
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "keyward.gateway.limits.enabled=false")
class IncompleteBodyTests extends AbstractGatewayTests {

	@Test
	void whenTheClientGoesAwayMidBodyThenOneInfoLineAndNoStackTrace(CapturedOutput output) throws Exception {
		try (Socket socket = RawHttp.connect(this.port, "127.0.0.1")) {
			OutputStream out = socket.getOutputStream();
			out.write(("POST /scep/default?operation=PKIOperation HTTP/1.1\r\nHost: localhost\r\n"
					+ "Content-Length: 3000\r\nContent-Type: application/x-pki-message\r\n\r\n0123456789")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			Thread.sleep(300);
		}
		long deadline = System.nanoTime() + 10_000_000_000L;
		while (!output.toString().contains("event=scep_body_incomplete")) {
			assertThat(System.nanoTime() - deadline).as("the abort logged: %s", output).isNegative();
			Thread.sleep(20);
		}
		assertThat(output).doesNotContain("unexpected_error").doesNotContain("\tat org.apache.catalina.connector");
	}

}
