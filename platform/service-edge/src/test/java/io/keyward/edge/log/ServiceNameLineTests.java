package io.keyward.edge.log;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;

import ch.qos.logback.classic.BasicConfigurator;
import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A line written by a thread no service set up (the servlet container's start, the main
 * thread after start, shutdown) names the JVM's service where the JVM runs one service (a
 * container), and {@code keyward} only where one JVM runs them all (the standalone
 * suite).
 */
@ExtendWith(OutputCaptureExtension.class)
class ServiceNameLineTests {

	@AfterEach
	void forgetJvmName() {
		System.clearProperty(ServiceName.JVM_NAME_PROPERTY);
	}

	@Test
	void whenOneServiceRunsInTheJvmThenAThreadOfNoServiceNamesIt(CapturedOutput output) throws Exception {
		logFromAnUnnamedThread("lonely-service", "event=unnamed_thread_test case=one");

		assertThat(line(output, "case=one")).contains("[lonely-service]").doesNotContain("[keyward]");
	}

	@Test
	void whenTheJvmRunsTheWholeSuiteThenAThreadOfNoServiceNamesKeyward(CapturedOutput output) throws Exception {
		System.setProperty(ServiceName.JVM_NAME_PROPERTY, "keyward");

		logFromAnUnnamedThread("one-of-four", "event=unnamed_thread_test case=suite");

		assertThat(line(output, "case=suite")).contains("[keyward]").doesNotContain("[one-of-four]");
	}

	/**
	 * A service's own start-up work that runs once it is ready (the gateway's RA and CA
	 * checks, the ca-adapter's first CRL) is written on the thread that started it; where
	 * the JVM runs the whole suite that line named {@code keyward}, as the thread's
	 * service name was dropped before those listeners ran.
	 */
	@Test
	void whenTheSuiteStartsAServiceThenItsReadyListenersLinesNameTheService(CapturedOutput output) {
		System.setProperty(ServiceName.JVM_NAME_PROPERTY, "keyward");

		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Service.class, ReadyLine.class)
			.web(WebApplicationType.NONE)
			.properties("spring.application.name=ready-service")
			.run()) {
			assertThat(line(output, "event=ready_listener_test")).contains("[ready-service]")
				.doesNotContain("[keyward]");
		}
	}

	/**
	 * The thread that started a service names it no longer once the service is ready:
	 * what the suite's start thread does next is not that service's.
	 */
	@Test
	void whenAServiceIsReadyThenTheThreadThatStartedItNoLongerNamesIt(CapturedOutput output) {
		System.setProperty(ServiceName.JVM_NAME_PROPERTY, "keyward");

		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Service.class)
			.web(WebApplicationType.NONE)
			.properties("spring.application.name=started-service")
			.run()) {
			LoggerFactory.getLogger(ServiceNameLineTests.class).info("event=after_start_test");
		}

		assertThat(line(output, "event=after_start_test")).contains("[keyward]").doesNotContain("[started-service]");
	}

	/**
	 * Spring MVC's servlet starts with the service, on the thread that names it: started
	 * lazily by the first request, its lines were written before the service's request
	 * filter named the thread, so in the suite they named {@code keyward}.
	 */
	@Test
	void whenTheSuiteStartsAWebServiceThenItsServletStartsWithItAndNamesIt(CapturedOutput output) throws Exception {
		System.setProperty(ServiceName.JVM_NAME_PROPERTY, "keyward");

		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Service.class)
			.web(WebApplicationType.SERVLET)
			.properties("spring.application.name=web-service", "server.port=0", "server.address=127.0.0.1")
			.run()) {
			// whatever the servlet answers, it has started once the first request is
			// served
			HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
						+ context.getEnvironment().getProperty("local.server.port") + "/no-such-page"))
					.build(), BodyHandlers.discarding());
			assertThat(line(output, "Initializing Servlet 'dispatcherServlet'")).contains("[web-service]")
				.doesNotContain("[keyward]");
		}
	}

	/**
	 * Tomcat writes a request it cannot parse on the connector's thread, before any
	 * filter names the thread: in the suite that line named {@code keyward}.
	 */
	@Test
	void whenTheSuiteCannotParseARequestThenTomcatsLineNamesTheService(CapturedOutput output) throws Exception {
		System.setProperty(ServiceName.JVM_NAME_PROPERTY, "keyward");

		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Service.class)
			.web(WebApplicationType.SERVLET)
			.properties("spring.application.name=parsing-service", "server.port=0", "server.address=127.0.0.1",
					// Tomcat writes the JVM's first such line at INFO, the later ones at
					// DEBUG
					"logging.level.org.apache.coyote.http11=debug")
			.run();
				Socket socket = new Socket("127.0.0.1",
						Integer.parseInt(context.getEnvironment().getProperty("local.server.port")))) {
			socket.getOutputStream().write("GET /a{b HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(US_ASCII));
			assertThat(new String(socket.getInputStream().readAllBytes(), US_ASCII)).startsWith("HTTP/1.1 400");
			assertThat(line(output, "Error parsing HTTP request header")).contains("[parsing-service]")
				.doesNotContain("[keyward]");
		}
	}

	/**
	 * The end of a web server's graceful shutdown is written on Tomcat's own shutdown
	 * thread, not the one that closes the service: in the suite it named {@code keyward}.
	 */
	@Test
	void whenTheSuiteClosesAWebServiceThenTheEndOfItsGracefulShutdownNamesIt(CapturedOutput output) {
		System.setProperty(ServiceName.JVM_NAME_PROPERTY, "keyward");
		ConfigurableApplicationContext context = new SpringApplicationBuilder(Service.class)
			.web(WebApplicationType.SERVLET)
			.properties("spring.application.name=closing-service", "server.port=0", "server.address=127.0.0.1",
					"server.shutdown=graceful")
			.run();

		try (CorrelationIds.Scope closing = ServiceName.closing("closing-service")) {
			context.close();
		}

		assertThat(line(output, "Graceful shutdown complete")).contains("[closing-service]")
			.doesNotContain("[keyward]");
	}

	/**
	 * A close that ends inside another puts back the outer service for the shutdown
	 * thread, as {@link ServiceName#inMdc} puts back the MDC, rather than leaving none.
	 */
	@Test
	void whenACloseEndsInsideAnotherThenTheShutdownThreadNamesTheOuterServiceAgain() {
		try (CorrelationIds.Scope outer = ServiceName.closing("outer-service")) {
			try (CorrelationIds.Scope inner = ServiceName.closing("inner-service")) {
				assertThat(TomcatThreadNames.serviceOf(TomcatThreadNames.SHUTDOWN_THREAD)).isEqualTo("inner-service");
			}
			assertThat(TomcatThreadNames.serviceOf(TomcatThreadNames.SHUTDOWN_THREAD)).isEqualTo("outer-service");
		}
		assertThat(TomcatThreadNames.serviceOf(TomcatThreadNames.SHUTDOWN_THREAD)).isNull();
	}

	/**
	 * What the suite writes before its first service starts (the embedded PostgreSQL's
	 * lines) comes in the services' layout, naming the suite, not in Logback's bare
	 * default; the first service then sets logging up again with its own settings.
	 */
	@Test
	void whenTheSuiteLogsBeforeItsFirstServiceThenTheLinesHaveTheServicesLayout(CapturedOutput output) {
		System.setProperty(ServiceName.JVM_NAME_PROPERTY, "keyward");
		Logger log = LoggerFactory.getLogger("io.keyward.before.services");
		// as in a fresh JVM: Logback's bare default, whatever an earlier test set up
		LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
		logback.reset();
		BasicConfigurator bare = new BasicConfigurator();
		bare.setContext(logback);
		bare.configure(logback);

		Runnable handOver = ServiceLogging.beforeServices();
		log.info("event=before_services_test");
		handOver.run();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Service.class)
			.web(WebApplicationType.NONE)
			.properties("spring.application.name=first-service", "logging.level.io.keyward.before.services=warn")
			.run()) {
			log.info("event=after_hand_over_test");
		}

		assertThat(line(output, "event=before_services_test"))
			.matches("\\d{4}-\\d{2}-\\d{2}T\\S+ +INFO \\d+ --- \\[.*\\] \\[keyward\\] .*");
		assertThat(output.getOut()).as("the first service's own logging settings apply")
			.doesNotContain("event=after_hand_over_test");
	}

	private static void logFromAnUnnamedThread(String service, String message) throws InterruptedException {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Service.class)
			.web(WebApplicationType.NONE)
			.properties("spring.application.name=" + service)
			.run()) {
			Thread thread = new Thread(() -> LoggerFactory.getLogger(ServiceNameLineTests.class).info(message));
			thread.start();
			thread.join();
		}
	}

	private static String line(CapturedOutput output, String marker) {
		return output.getOut().lines().filter((line) -> line.contains(marker)).findFirst().orElseThrow();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Service {

	}

	@Configuration(proxyBeanMethods = false)
	static class ReadyLine {

		@EventListener(ApplicationReadyEvent.class)
		void ready() {
			LoggerFactory.getLogger(ServiceNameLineTests.class).info("event=ready_listener_test");
		}

	}

}
