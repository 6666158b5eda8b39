package io.keyward.gateway.limit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A PKIOperation body read completely before the request takes a concurrency slot, and
 * the request that serves it from memory. A device's message is a few KB; reading it here
 * costs nothing the controller would not have spent.
 */
final class ReceivedBody extends HttpServletRequestWrapper {

	private final byte[] body;

	private ReceivedBody(HttpServletRequest request, byte[] body) {
		super(request);
		this.body = body;
	}

	/**
	 * Reads at most {@code limit} bytes of the body within {@code timeout}.
	 * @throws IOException when the client closed the connection, a read timed out, or the
	 * deadline passed before the body was complete
	 */
	static ReceivedBody read(HttpServletRequest request, long limit, Duration timeout) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		ByteArrayOutputStream received = new ByteArrayOutputStream(
				(int) Math.clamp(request.getContentLengthLong(), 0, Math.min(limit, 64 * 1024)));
		byte[] buffer = new byte[8192];
		long remaining = limit;
		try (InputStream in = request.getInputStream()) {
			while (remaining > 0) {
				int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
				if (read < 0) {
					break;
				}
				received.write(buffer, 0, read);
				remaining -= read;
				if (System.nanoTime() - deadline > 0 && remaining > 0 && !complete(request, received.size())) {
					throw new SocketTimeoutException("body not received within " + timeout);
				}
			}
		}
		return new ReceivedBody(request, received.toByteArray());
	}

	private static boolean complete(HttpServletRequest request, int received) {
		return request.getContentLengthLong() >= 0 && received >= request.getContentLengthLong();
	}

	/**
	 * HTTP 408 (RFC 9110 section 15.5.9) with {@code Connection: close}, when the
	 * connection can still carry it; a client that went away gets nothing.
	 */
	static void answerTimeout(HttpServletResponse response) {
		if (response.isCommitted()) {
			return;
		}
		try {
			response.setStatus(HttpServletResponse.SC_REQUEST_TIMEOUT);
			response.setHeader("Connection", "close");
			response.setContentType("text/plain");
			response.getOutputStream().write("request body incomplete\n".getBytes(StandardCharsets.US_ASCII));
			response.flushBuffer();
		}
		catch (IOException ex) {
			// the connection is gone: there is no one left to answer
		}
	}

	@Override
	public ServletInputStream getInputStream() {
		ByteArrayInputStream in = new ByteArrayInputStream(this.body);
		return new ServletInputStream() {

			@Override
			public int read() {
				return in.read();
			}

			@Override
			public int read(byte[] b, int off, int len) {
				return in.read(b, off, len);
			}

			@Override
			public boolean isFinished() {
				return in.available() == 0;
			}

			@Override
			public boolean isReady() {
				return true;
			}

			@Override
			public void setReadListener(ReadListener listener) {
				throw new UnsupportedOperationException("the body was already read");
			}

		};
	}

	@Override
	public int getContentLength() {
		return this.body.length;
	}

	@Override
	public long getContentLengthLong() {
		return this.body.length;
	}

}
