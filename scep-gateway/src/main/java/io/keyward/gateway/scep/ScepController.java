package io.keyward.gateway.scep;

import io.keyward.edge.log.LogText;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.keyward.gateway.GatewayProperties;
import io.keyward.gateway.profile.EnrollmentProfile;
import io.keyward.gateway.profile.EnrollmentProfiles;
import io.keyward.gateway.ra.RaKeysUnavailableException;
import io.keyward.gateway.refusal.RefusalLog;
import io.keyward.scep.MalformedMessageException;
import io.keyward.scep.MessageParameter;
import io.keyward.scep.RecipientUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.client.RestClientException;

/**
 * The SCEP HTTP surface (RFC 8894 section 4): {@code /scep/<profile>} and the NDES path
 * {@code /certsrv/mscep/mscep.dll}, each with any path suffix (Windows appends
 * {@code /pkiclient.exe}, RFC clients default to {@code /cgi-bin/pkiclient.exe}), by GET
 * and POST. Every CertRep is sent with HTTP 200; HTTP errors with a short text are kept
 * for requests no CertRep can be built for.
 */
@Controller
class ScepController {

	private static final Logger log = LoggerFactory.getLogger(ScepController.class);

	private final EnrollmentProfiles profiles;

	private final CaCertificateAnswers caCertificates;

	private final PkiOperationHandler pkiOperations;

	private final CaCapabilities capabilities;

	private final long maxMessageSize;

	private final MeterRegistry meters;

	private final RefusalLog refusals;

	ScepController(EnrollmentProfiles profiles, CaCertificateAnswers caCertificates, PkiOperationHandler pkiOperations,
			CaCapabilities capabilities, GatewayProperties properties, MeterRegistry meters, RefusalLog refusals) {
		this.meters = meters;
		this.refusals = refusals;
		this.profiles = profiles;
		this.caCertificates = caCertificates;
		this.pkiOperations = pkiOperations;
		this.capabilities = capabilities;
		this.maxMessageSize = properties.maxMessageSize().toBytes();
	}

	@RequestMapping(path = { "/scep/{profile}", "/scep/{profile}/**" },
			method = { RequestMethod.GET, RequestMethod.POST })
	void scep(@PathVariable String profile, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		serve(profile, request, response);
	}

	@RequestMapping(path = { "/certsrv/mscep/mscep.dll", "/certsrv/mscep/mscep.dll/**" },
			method = { RequestMethod.GET, RequestMethod.POST })
	void ndes(HttpServletRequest request, HttpServletResponse response) throws IOException {
		serve(this.profiles.ndesProfileName(), request, response);
	}

	private void serve(String profileName, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		Optional<EnrollmentProfile> profile = this.profiles.find(profileName);
		if (profile.isEmpty()) {
			this.refusals.record(profileName, null, operationName(request), "http404", "unknown SCEP profile");
			ScepResponses.error(response, 404, "unknown SCEP profile");
			return;
		}
		Optional<ScepOperation> operation = ScepOperation.fromQuery(request.getQueryString());
		if (operation.isEmpty()) {
			this.refusals.record(profileName, null, operationName(request), "http400", "unknown or missing operation");
			ScepResponses.error(response, 400, "unknown or missing operation");
			return;
		}
		Timer.Sample sample = Timer.start(this.meters);
		try {
			switch (operation.get()) {
				case GET_CA_CAPS ->
					ScepResponses.write(response, 200, ScepResponses.TEXT_PLAIN, this.capabilities.body(profile.get()));
				case GET_CA_CERT -> {
					CaCertificateAnswers.CaCertificatesBody answer = this.caCertificates.caCertificates(profile.get());
					ScepResponses.write(response, 200, answer.contentType(), answer.body());
				}
				case GET_NEXT_CA_CERT -> nextCaCertificates(response);
				case PKI_OPERATION -> pkiOperation(profile.get(), request, response);
			}
		}
		catch (MalformedMessageException ex) {
			log.info("event=scep_malformed_request profile={} detail=\"{}\"", profileName,
					LogText.printable(ex.getMessage()));
			this.refusals.record(profileName, null, "PKIOperation", "http400",
					"malformed SCEP message: " + ex.getMessage());
			ScepResponses.error(response, 400, "malformed SCEP message: " + LogText.printable(ex.getMessage()));
		}
		catch (IncompleteBodyException ex) {
			// the client went away or stalled mid-body: its doing, one quiet line
			log.info("event=scep_body_incomplete profile={} detail=\"{}\"", profileName,
					LogText.printable(ex.getCause().toString()));
			try {
				response.setHeader("Connection", "close");
				ScepResponses.error(response, HttpStatus.REQUEST_TIMEOUT.value(), "request body incomplete");
			}
			catch (IOException gone) {
				// nobody left to answer
			}
		}
		catch (MessageTooLargeException ex) {
			ScepResponses.error(response, HttpStatus.CONTENT_TOO_LARGE.value(), "SCEP message too large");
		}
		catch (RaKeysUnavailableException ex) {
			ScepResponses.error(response, 503, "RA certificates not available yet, retry later");
		}
		catch (RestClientException | RecipientUnavailableException ex) {
			// RecipientUnavailableException: the ca-adapter could not open an envelope
			// addressed to the CA or sign a CertRep with the CA key; nothing was decided
			// that a retry of the same message would not find again
			log.warn("event=ca_unreachable detail=\"{}\"", LogText.printable(ex.toString()));
			ScepResponses.error(response, 503, "CA not reachable, retry later");
		}
		catch (DataAccessException ex) {
			// the database is restarting or out of connections: nothing was decided, the
			// device may retry the same request (transient, RFC 8894 section 3.3.2.3
			// clients
			// retry on HTTP errors); an unexpected SQL error is still logged in full
			log.error("event=database_unavailable profile={}", profileName, ex);
			ScepResponses.error(response, 503, "database not available, retry later");
		}
		catch (RuntimeException ex) {
			// not the device's mistake: logged once, here, with the transactionID in the
			// MDC
			log.error("event=scep_unexpected_error profile={}", profileName, ex);
			ScepResponses.error(response, 500, "internal error");
		}
		finally {
			PkiOperationHandler.clearMdc();
			sample.stop(requests(profile.get(), operation.get(), response.getStatus()));
		}
	}

	/**
	 * {@code keyward.scep.requests}: the latency of each SCEP operation as a histogram
	 * (Prometheus buckets for quantiles across gateways), tagged only with what the
	 * gateway knows by name: a configured profile, the operation, the HTTP status.
	 */
	private Timer requests(EnrollmentProfile profile, ScepOperation operation, int status) {
		return Timer.builder("keyward.scep.requests")
			.description("SCEP requests by operation, from the request read to the answer written")
			.tags("profile", profile.name(), "operation", operation.keyword(), "status", Integer.toString(status))
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofSeconds(30))
			.register(this.meters);
	}

	/**
	 * GetNextCACert (RFC 8894 section 4.7): answered only while a next CA is prepared,
	 * which is also when GetCACaps advertises it; otherwise 404.
	 */
	private void nextCaCertificates(HttpServletResponse response) throws IOException {
		Optional<byte[]> body = this.caCertificates.nextCaCertificates();
		if (body.isEmpty()) {
			ScepResponses.error(response, 404, "no next CA certificate: no CA rollover is prepared");
			return;
		}
		ScepResponses.write(response, 200, ScepResponses.NEXT_CA_CERT, body.get());
	}

	private void pkiOperation(EnrollmentProfile profile, HttpServletRequest request, HttpServletResponse response)
			throws IOException, MalformedMessageException {
		// GET carries the base64 message in the query (iOS against NDES-like caps); POST
		// the
		// raw DER whatever the Content-Type (application/x-pki-message or octet-stream)
		byte[] message = "GET".equals(request.getMethod()) ? MessageParameter.decode(request.getQueryString())
				: body(request);
		byte[] certRep = this.pkiOperations.handle(profile, message);
		response.setHeader("Cache-Control", "no-store");
		ScepResponses.write(response, 200, ScepResponses.PKI_MESSAGE, certRep);
	}

	private byte[] body(HttpServletRequest request) throws IOException {
		if (request.getContentLengthLong() > this.maxMessageSize) {
			throw new MessageTooLargeException();
		}
		try (InputStream in = request.getInputStream()) {
			byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, this.maxMessageSize + 1));
			if (body.length > this.maxMessageSize) {
				throw new MessageTooLargeException();
			}
			return body;
		}
		catch (IOException ex) {
			// Tomcat's ClientAbortException (EOF, reset, read timeout); with the
			// PKIOperation
			// limits on, the limiter has read the body already and this cannot happen
			throw new IncompleteBodyException(ex);
		}
	}

	static final class IncompleteBodyException extends RuntimeException {

		IncompleteBodyException(IOException cause) {
			super("request body incomplete", cause, false, false);
		}

	}

	static final class MessageTooLargeException extends RuntimeException {

		MessageTooLargeException() {
			super("SCEP message too large", null, false, false);
		}

	}

	/**
	 * The operation a refused request asked for, by its keyword ({@code PKIOperation}),
	 * or {@code unknown}.
	 */
	private static String operationName(HttpServletRequest request) {
		return ScepOperation.fromQuery(request.getQueryString()).map(ScepOperation::keyword).orElse("unknown");
	}

}
