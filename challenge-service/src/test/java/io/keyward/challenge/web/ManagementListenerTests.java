package io.keyward.challenge.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import io.keyward.testsupport.FromOutside;
import org.junit.jupiter.api.Test;

import io.keyward.challenge.IntegrationTestSupport;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code KEYWARD_CHALLENGE_MANAGEMENT_PORT} (issue 15): the listener Prometheus scrapes
 * in docker-compose from another container. There {@code /actuator/prometheus} answers
 * any caller; the service's own port still refuses metrics to callers outside loopback,
 * and the management listener serves nothing beyond health, info and metrics.
 */
class ManagementListenerTests extends IntegrationTestSupport {

	static final int MANAGEMENT_PORT = freePort();

	@DynamicPropertySource
	static void managementPort(DynamicPropertyRegistry registry) {
		registry.add("KEYWARD_CHALLENGE_MANAGEMENT_PORT", () -> MANAGEMENT_PORT);
	}

	@Test
	void whenAManagementPortIsSetThenPrometheusScrapesItFromAnotherHostAndTheServicePortStillRefuses()
			throws Exception {
		assertThat(FromOutside.get(MANAGEMENT_PORT, "/actuator/prometheus")).isEqualTo(200);
		assertThat(FromOutside.get(MANAGEMENT_PORT, "/actuator/health")).isEqualTo(200);
		assertThat(FromOutside.get(this.port, "/actuator/prometheus")).isIn(401, 403, 404);
		assertThat(FromOutside.get(MANAGEMENT_PORT, "/actuator/env")).isIn(401, 403, 404);
		assertThat(FromOutside.get(MANAGEMENT_PORT, "/api/v1/challenges")).isIn(401, 403, 404);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
