package io.keyward.edge.problem;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import org.springframework.http.MediaType;

/**
 * Tomcat's answer to a request it refuses before any servlet sees it (a path with bad
 * %-encoding or an encoded {@code /}, no context for the path), as an RFC 9457 problem
 * instead of Tomcat's HTML page: the status Tomcat chose, a sentence per status, no
 * server name or version, no message from Tomcat and not the request's path, which may be
 * the malformed part. Errors a servlet answered with a body, and everything Spring's
 * error page renders ({@link ProblemErrorController}), are left as they are.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	public ProblemErrorReportValve() {
		setShowReport(false);
		setShowServerInfo(false);
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		// as Tomcat's own valve: only a response put in error (sendError, a refused
		// request) and still empty; a 4xx a servlet set on purpose without a body (a
		// 401 challenge) stays empty
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(true);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(ProblemDocument.json(status, ProblemErrorController.detail(status), null));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the connection is gone or the response committed: nothing left to tell
		}
	}

}
