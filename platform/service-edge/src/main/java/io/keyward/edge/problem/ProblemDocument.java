package io.keyward.edge.problem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * An RFC 9457 problem document written straight to the servlet response, for the answers
 * given where no message converter runs: the security chain's 401 and 403, the request
 * filter's refusals, the error page. It needs no content negotiation, so an unreadable
 * {@code Accept} header cannot turn it into an empty body. The detail is always text
 * written for the caller; the caller's own bytes appear only as the JSON-escaped
 * {@code instance} path.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9457#section-3">RFC 9457 section 3</a>
 */
final class ProblemDocument {

	private ProblemDocument() {
	}

	static void write(HttpServletResponse response, int status, String detail, @Nullable String instance)
			throws IOException {
		byte[] bytes = json(status, detail, instance).getBytes(StandardCharsets.UTF_8);
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
	}

	static String json(int status, String detail, @Nullable String instance) {
		HttpStatus known = HttpStatus.resolve(status);
		String title = (known != null) ? known.getReasonPhrase() : "Error";
		StringBuilder body = new StringBuilder(160).append("{\"type\":\"about:blank\",\"title\":\"")
			.append(jsonEscape(title))
			.append("\",\"status\":")
			.append(status)
			.append(",\"detail\":\"")
			.append(jsonEscape(detail))
			.append('"');
		if (instance != null) {
			body.append(",\"instance\":\"").append(jsonEscape(instance)).append('"');
		}
		return body.append('}').toString();
	}

	/**
	 * JSON string escaping that also escapes what could not be encoded as UTF-8 (an
	 * unpaired surrogate), so the document itself is always well-formed.
	 */
	static String jsonEscape(String value) {
		StringBuilder out = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '"' || c == '\\') {
				out.append('\\').append(c);
			}
			else if (c < 0x20 || Character.isSurrogate(c)) {
				out.append(String.format("\\u%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

}
