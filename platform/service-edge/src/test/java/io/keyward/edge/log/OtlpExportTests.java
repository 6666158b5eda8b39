package io.keyward.edge.log;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OTLP export is configuration only (docs/configuration.md): with an endpoint set, the
 * service's spans reach an OTLP/HTTP collector, here a local one that records what it is
 * sent; without one, nothing leaves the service.
 */
class OtlpExportTests {

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private HttpServer collector;

	@BeforeEach
	void startCollector() throws IOException {
		this.collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.collector.createContext("/v1/traces", this::receive);
		this.collector.start();
	}

	@AfterEach
	void stopCollector() {
		this.collector.stop(0);
	}

	@Test
	void whenAnEndpointIsSetThenTheSpansReachTheCollectorWithItsHeaders() {
		String traceId = traceOneSpan(
				"management.opentelemetry.tracing.export.otlp.endpoint=http://127.0.0.1:"
						+ this.collector.getAddress().getPort() + "/v1/traces",
				"management.opentelemetry.tracing.export.otlp.headers.x-collector-key=secret-of-the-collector");

		assertThat(this.received).isNotEmpty();
		Received export = this.received.get(0);
		assertThat(export.contentType()).isEqualTo("application/x-protobuf");
		assertThat(export.collectorKey()).isEqualTo("secret-of-the-collector");
		// protobuf carries strings as UTF-8 and the trace id as its 16 bytes
		assertThat(new String(export.body(), StandardCharsets.ISO_8859_1)).contains("otlp-export-test-span")
			.contains("otlp-service")
			.contains(new String(HexFormat.of().parseHex(traceId), StandardCharsets.ISO_8859_1));
	}

	@Test
	void whenNoEndpointIsSetThenNothingIsSent() {
		traceOneSpan();

		assertThat(this.received).isEmpty();
	}

	/** One span, ended; closing the service flushes what its exporter batched. */
	private String traceOneSpan(String... properties) {
		String traceId;
		try (ConfigurableApplicationContext service = new SpringApplicationBuilder(Service.class)
			.web(WebApplicationType.NONE)
			.properties("spring.application.name=otlp-service", "management.tracing.sampling.probability=1.0")
			.properties(properties)
			.run()) {
			Tracer tracer = service.getBean(Tracer.class);
			Span span = tracer.nextSpan().name("otlp-export-test-span").start();
			span.end();
			traceId = span.context().traceId();
		}
		return traceId;
	}

	private void receive(HttpExchange exchange) throws IOException {
		byte[] body = exchange.getRequestBody().readAllBytes();
		this.received.add(new Received(exchange.getRequestHeaders().getFirst("Content-Type"),
				exchange.getRequestHeaders().getFirst("x-collector-key"), body));
		exchange.sendResponseHeaders(200, -1);
		exchange.close();
	}

	record Received(String contentType, String collectorKey, byte[] body) {
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Service {

	}

}
