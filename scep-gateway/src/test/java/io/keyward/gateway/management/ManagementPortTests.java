package io.keyward.gateway.management;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.keyward.gateway.AbstractGatewayTests;
import io.keyward.gateway.tls.HttpsPort;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Metrics and detailed health are served on the management listener only; the
 * device-facing port keeps what a load balancer needs ({@code /livez}, {@code /readyz},
 * status without details).
 */
class ManagementPortTests extends AbstractGatewayTests {

	@Autowired
	Environment environment;

	@Autowired
	HttpsPort httpsPort;

	private HttpResponse<String> management(String path) throws Exception {
		int port = this.environment.getRequiredProperty("local.management.port", Integer.class);
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void whenPrometheusIsAskedOnThePublicPortThenNotFound() throws Exception {
		assertThat(get("/actuator/prometheus").statusCode()).isEqualTo(404);
		assertThat(get("/actuator/health").statusCode()).isEqualTo(404);
		assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(404);
	}

	@Test
	void whenPrometheusIsAskedOnTheManagementPortThenItIsServed() throws Exception {
		HttpResponse<String> metrics = management("/actuator/prometheus");

		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.body()).contains("keyward_certificate_days_left{certificate=\"tls\"}")
			.contains("keyward_certificate_days_left{certificate=\"ra-signing\"}");
		assertThat(management("/actuator/health/readiness").statusCode()).isEqualTo(200);
	}

	@Test
	void whenALoadBalancerProbesThePublicPortThenStatusWithoutDetails() throws Exception {
		HttpResponse<byte[]> ready = get("/readyz");
		HttpResponse<byte[]> live = get("/livez");

		assertThat(ready.statusCode()).isEqualTo(200);
		assertThat(new String(ready.body())).contains("UP").doesNotContain("components").doesNotContain("notAfter");
		assertThat(live.statusCode()).isEqualTo(200);
	}

	@Test
	void whenTheManagementPortIsLoopbackByDefaultThenTheHttpsPortIsAnotherListener() {
		int management = this.environment.getRequiredProperty("local.management.port", Integer.class);
		assertThat(management).isNotEqualTo(this.port).isNotEqualTo(this.httpsPort.port());
		assertThat(this.environment.getProperty("management.server.address")).isEqualTo("127.0.0.1");
	}

}
