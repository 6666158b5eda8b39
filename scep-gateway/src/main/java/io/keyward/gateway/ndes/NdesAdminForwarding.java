package io.keyward.gateway.ndes;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.keyward.gateway.GatewayProperties;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /certsrv/mscep_admin[/]} on the gateway (plain HTTP and HTTPS): the
 * request's {@code Authorization} header goes to the challenge-service's page of the same
 * path, and its status, {@code Content-Type}, {@code WWW-Authenticate},
 * {@code Cache-Control}, {@code Retry-After} and bytes come back unchanged (the page is
 * UTF-16LE and MDMs compare it byte for byte). The answer is bounded ({@value #MAX_PAGE}
 * bytes) and so is the wait ({@code keyward.gateway.timeout}); when the challenge-service
 * cannot answer, 503 with a short text, never a 500. Only GET is routed; other methods
 * get 405.
 */
@RestController
class NdesAdminForwarding {

	private static final Logger log = LoggerFactory.getLogger(NdesAdminForwarding.class);

	/** An NDES page is about 3 KiB; anything much larger is not one. */
	static final int MAX_PAGE = 64 * 1024;

	private static final List<String> RETURNED_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.WWW_AUTHENTICATE,
			HttpHeaders.CACHE_CONTROL, HttpHeaders.RETRY_AFTER);

	private final HttpClient http;

	private final URI challengeService;

	private final Duration timeout;

	private final MeterRegistry meters;

	NdesAdminForwarding(GatewayProperties properties, MeterRegistry meters) {
		this.timeout = properties.timeout();
		this.http = HttpClient.newBuilder()
			.connectTimeout(this.timeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		this.challengeService = properties.challengeUrl();
		this.meters = meters;
	}

	@GetMapping({ "/certsrv/mscep_admin", "/certsrv/mscep_admin/" })
	ResponseEntity<byte[]> page(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			HttpServletRequest request) {
		String path = request.getRequestURI().endsWith("/") ? "/certsrv/mscep_admin/" : "/certsrv/mscep_admin";
		HttpRequest.Builder forward = HttpRequest.newBuilder(this.challengeService.resolve(path))
			.timeout(this.timeout)
			.GET();
		if (authorization != null) {
			forward.header(HttpHeaders.AUTHORIZATION, authorization);
		}
		try {
			HttpResponse<InputStream> answer = this.http.send(forward.build(),
					HttpResponse.BodyHandlers.ofInputStream());
			byte[] body;
			try (InputStream in = answer.body()) {
				body = in.readNBytes(MAX_PAGE + 1);
			}
			if (body.length > MAX_PAGE) {
				return unavailable("oversized");
			}
			ResponseEntity.BodyBuilder out = ResponseEntity.status(answer.statusCode());
			for (String name : RETURNED_HEADERS) {
				answer.headers().firstValue(name).ifPresent((value) -> out.header(name, value));
			}
			this.meters.counter("keyward.gateway.ndes.forwarded", "status", Integer.toString(answer.statusCode()))
				.increment();
			return out.body(body);
		}
		catch (IOException ex) {
			return unavailable(ex.getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return unavailable("interrupted");
		}
	}

	private ResponseEntity<byte[]> unavailable(String reason) {
		log.warn("event=ndes_page_unavailable reason={}", reason);
		this.meters.counter("keyward.gateway.ndes.forwarded", "status", "503").increment();
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.contentType(MediaType.TEXT_PLAIN)
			.cacheControl(CacheControl.noStore())
			.body("The challenge service is unavailable. Retry later.\n".getBytes(StandardCharsets.US_ASCII));
	}

}
