package io.keyward.edge.log;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

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

}
