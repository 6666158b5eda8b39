package io.keyward.challenge.intune;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;

import io.keyward.api.ca.CertificateAuthorityClient;
import io.keyward.challenge.profile.ChallengeMode;
import io.keyward.challenge.profile.ChallengeProfiles;

import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The Intune mode's parts. The app's credentials are checked at start when a profile is
 * in {@code intune} mode, so a missing secret fails the start and not the first device.
 */
@Configuration(proxyBeanMethods = false)
class IntuneConfiguration {

	@Bean
	EntraTokens intuneEntraTokens(IntuneProperties properties, ChallengeProfiles profiles, RestClient intuneHttp,
			Clock clock) {
		boolean used = usedBy(profiles);
		if (used) {
			properties.requireUsable();
		}
		ClientAssertion assertion = (used && properties.usesCertificate())
				? ClientAssertion.load(properties.clientId(), properties.certificateFile(), properties.privateKeyFile())
				: null;
		return new EntraTokens(properties, intuneHttp, assertion, clock);
	}

	/** Calls to Entra, Graph and Intune, each bounded by the configured timeout. */
	@Bean
	RestClient intuneHttp(IntuneProperties properties, RestClient.Builder builder) {
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(properties.timeout()).build());
		requests.setReadTimeout(properties.timeout());
		return builder.clone().requestFactory(requests).build();
	}

	@Bean
	IntuneServiceLocator intuneServiceLocator(IntuneProperties properties, RestClient intuneHttp, EntraTokens tokens) {
		return new IntuneServiceLocator(properties, intuneHttp, tokens);
	}

	@Bean
	IntuneApi intuneApi(IntuneProperties properties, RestClient intuneHttp, EntraTokens tokens,
			IntuneServiceLocator services) {
		return new IntuneApi(properties, intuneHttp, tokens, services);
	}

	@Bean
	IntuneScepService intuneScepService(IntuneApi api, IntuneProperties properties) {
		return new IntuneScepService(api, properties);
	}

	@Bean
	IntuneRevocationSync intuneRevocationSync(IntuneApi api, CertificateAuthorityClient certificateAuthority,
			IntuneProperties properties, ChallengeProfiles profiles, MeterRegistry meters, TaskScheduler scheduler) {
		IntuneRevocationSync sync = new IntuneRevocationSync(api, certificateAuthority, properties.revocationBatch(),
				meters);
		if (usedBy(profiles) && properties.revocationInterval().isPositive()) {
			scheduler.scheduleWithFixedDelay(sync::poll, Instant.now().plus(properties.revocationInterval()),
					properties.revocationInterval());
		}
		return sync;
	}

	@Bean
	ValidatedRequests intuneValidatedRequests(JdbcClient jdbc, IntuneProperties properties, Clock clock) {
		return new ValidatedRequests(jdbc, clock, properties.validatedRetention());
	}

	@Bean
	IntuneValidator intuneValidator(IntuneScepService intune, ValidatedRequests validated, ChallengeProfiles profiles,
			MeterRegistry meters) {
		return new IntuneValidator(intune, validated, profiles, meters);
	}

	@Bean
	IntuneNotifier intuneNotifier(IntuneScepService intune, ValidatedRequests validated,
			CertificateAuthorityClient certificateAuthority, TaskExecutor applicationTaskExecutor,
			IntuneProperties properties, MeterRegistry meters) {
		return new IntuneNotifier(intune, validated, certificateAuthority, applicationTaskExecutor, properties, meters);
	}

	private static boolean usedBy(ChallengeProfiles profiles) {
		return profiles.all().stream().anyMatch((profile) -> profile.mode() == ChallengeMode.INTUNE);
	}

}
