package io.keyward.gateway;

import java.time.Duration;

import io.keyward.gateway.profile.CaCertificateSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A setting that cannot work stops the gateway at start with the setting's name, instead
 * of a finisher that spins or calls that time out at once.
 */
class GatewayPropertiesTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withUserConfiguration(Binding.class)
		.withPropertyValues("keyward.gateway.challenge-url=http://127.0.0.1:18081",
				"keyward.gateway.ca-url=http://127.0.0.1:18082", "keyward.gateway.profiles.default.template=default");

	@Test
	void whenDurationsArePositiveThenTheyBind() {
		this.contexts.withPropertyValues("keyward.gateway.retry-interval=250ms", "keyward.gateway.pending-max-age=2h")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				GatewayProperties properties = context.getBean(GatewayProperties.class);
				assertThat(properties.retryInterval()).isEqualTo(Duration.ofMillis(250));
				assertThat(properties.pendingMaxAge()).isEqualTo(Duration.ofHours(2));
				assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(10));
			});
	}

	@ParameterizedTest
	@CsvSource({ "retry-interval, 0s, retryInterval", "retry-interval, -5s, retryInterval",
			"pending-max-age, 0s, pendingMaxAge", "timeout, 0ms, timeout" })
	void whenADurationIsNotPositiveThenTheGatewayDoesNotStart(String setting, String value, String field) {
		this.contexts.withPropertyValues("keyward.gateway." + setting + "=" + value).run((context) -> {
			assertThat(context).hasFailed();
			// Spring Boot's bind failure names the prefix and the field
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("keyward.gateway")
				.hasMessageContaining("'" + field + "'");
		});
	}

	@Test
	void whenRenewalIsNotConfiguredThenItIsOnForTheLastHalfWithoutRevocation() {
		this.contexts.run((context) -> {
			GatewayProperties.Profile profile = context.getBean(GatewayProperties.class).profiles().get("default");
			assertThat(profile.renewalEnabled()).isTrue();
			assertThat(profile.renewalWindow()).isNull();
			assertThat(profile.renewalWindowPercent()).isEqualTo(50);
			assertThat(profile.revokeOnRenewal()).isFalse();
		});
	}

	@Test
	void whenRenewalSettingsAreGivenThenTheyBind() {
		this.contexts
			.withPropertyValues("keyward.gateway.profiles.default.renewal-enabled=false",
					"keyward.gateway.profiles.default.renewal-window=30d",
					"keyward.gateway.profiles.default.revoke-on-renewal=true")
			.run((context) -> {
				GatewayProperties.Profile profile = context.getBean(GatewayProperties.class).profiles().get("default");
				assertThat(profile.renewalEnabled()).isFalse();
				assertThat(profile.renewalWindow()).isEqualTo(Duration.ofDays(30));
				assertThat(profile.revokeOnRenewal()).isTrue();
			});
	}

	@ParameterizedTest
	@CsvSource({ "renewal-window-percent, 0, renewalWindowPercent", "renewal-window-percent, 101, renewalWindowPercent",
			"renewal-window, 0s, renewalWindow" })
	void whenARenewalWindowCannotWorkThenTheGatewayDoesNotStart(String setting, String value, String field) {
		this.contexts.withPropertyValues("keyward.gateway.profiles.default." + setting + "=" + value).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining(field);
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(GatewayProperties.class)
	static class Binding {

	}

	@Test
	void whenAProfileAsksForCaOnlyThenItIsServed() {
		this.contexts.withPropertyValues("keyward.gateway.profiles.default.ca-certificates=CA_ONLY").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(GatewayProperties.class).profiles().get("default").caCertificates())
				.isEqualTo(CaCertificateSet.CA_ONLY);
		});
	}

	@Test
	void whenCaCertificatesIsNotConfiguredThenCaAndRa() {
		this.contexts.withPropertyValues("keyward.gateway.profiles.chain.ca-certificates=FULL_CHAIN").run((context) -> {
			GatewayProperties properties = context.getBean(GatewayProperties.class);
			assertThat(properties.profiles().get("default").caCertificates()).isEqualTo(CaCertificateSet.CA_AND_RA);
			assertThat(properties.profiles().get("chain").caCertificates()).isEqualTo(CaCertificateSet.FULL_CHAIN);
		});
	}

}
