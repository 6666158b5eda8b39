package io.keyward.edge.log;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystemProperty;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskDecorator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Structured JSON logs are Spring Boot's, switched on with
 * {@code logging.structured.format.console}: each line is one JSON object that names the
 * service the thread works for and the trace of the request it serves.
 */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLogTests {

	/**
	 * Spring Boot keeps the format as a JVM system property after the service closes:
	 * without this, every later test in the JVM writes JSON lines, and those that read
	 * text lines fail.
	 */
	@AfterEach
	void clearTheJsonFormat() {
		System.clearProperty(LoggingSystemProperty.CONSOLE_STRUCTURED_FORMAT.getEnvironmentVariableName());
	}

	@ParameterizedTest
	@ValueSource(strings = { "ecs", "logstash" })
	void whenJsonLogsAreOnThenEachLineIsJsonWithTheServiceAndTheTraceId(String format, CapturedOutput output) {
		String traceId;
		try (ConfigurableApplicationContext service = new SpringApplicationBuilder(Service.class)
			.web(WebApplicationType.NONE)
			.properties("spring.application.name=json-" + format, "logging.structured.format.console=" + format)
			.run()) {
			Tracer tracer = service.getBean(Tracer.class);
			Span span = tracer.nextSpan().name("request").start();
			try (Tracer.SpanInScope served = tracer.withSpan(span)) {
				// a scheduled task of the service, in a request's trace
				service.getBean(TaskDecorator.class)
					.decorate(() -> LoggerFactory.getLogger(StructuredLogTests.class)
						.info("event=structured_log_test format={}", format))
					.run();
			}
			finally {
				span.end();
			}
			traceId = span.context().traceId();
		}
		String line = output.getOut()
			.lines()
			.filter((candidate) -> candidate.contains("event=structured_log_test format=" + format))
			.findFirst()
			.orElseThrow();
		JsonNode json = JsonMapper.builder().build().readTree(line);

		assertThat(json.path(ServiceName.MDC_KEY).asString()).isEqualTo("json-" + format);
		assertThat(json.path("traceId").asString()).hasSize(32).isEqualTo(traceId);
	}

	/**
	 * A line of a thread no service set up (the servlet container's, shutdown) names the
	 * JVM's service in {@code serviceName} too, once: the one service's in a container,
	 * {@code keyward} in the standalone suite.
	 */
	@ParameterizedTest
	@CsvSource({ "ecs,", "logstash,", "ecs,keyward", "logstash,keyward" })
	void whenAThreadOfNoServiceLogsThenItsJsonLineNamesTheJvmsService(String format, String jvmName,
			CapturedOutput output) throws Exception {
		if (jvmName != null) {
			System.setProperty(ServiceName.JVM_NAME_PROPERTY, jvmName);
		}
		String marker = "event=unnamed_json_test format=" + format + " jvm=" + jvmName;
		try (ConfigurableApplicationContext service = new SpringApplicationBuilder(Service.class)
			.web(WebApplicationType.NONE)
			.properties("spring.application.name=alone-" + format, "logging.structured.format.console=" + format)
			.run()) {
			Thread thread = new Thread(() -> LoggerFactory.getLogger(StructuredLogTests.class).info(marker));
			thread.start();
			thread.join();
		}
		finally {
			System.clearProperty(ServiceName.JVM_NAME_PROPERTY);
		}
		String line = output.getOut()
			.lines()
			.filter((candidate) -> candidate.contains(marker))
			.findFirst()
			.orElseThrow();

		assertThat(line.split("\"" + ServiceName.MDC_KEY + "\"", -1)).as(line).hasSize(2);
		assertThat(JsonMapper.builder().build().readTree(line).path(ServiceName.MDC_KEY).asString())
			.isEqualTo((jvmName != null) ? jvmName : "alone-" + format);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Service {

	}

}
