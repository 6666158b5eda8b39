package io.keyward.admin;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the admin-ui ({@code keyward.admin.*}).
 *
 * @param gatewayUrl base URL of the scep-gateway's REST API
 * @param caUrl base URL of the ca-adapter's REST API
 * @param challengeUrl base URL of the challenge-service's internal API (MDM API clients,
 * webhook dead letters, a challenge's life)
 * @param serviceToken bearer token presented to the other services; blank means not
 * configured, which the pages report instead of calling
 * @param initialPassword password of the {@code admin} user created on first start; blank
 * means generate one and print it once
 * @param timeout connect and read timeout of calls to the other services
 * @param pageSize rows per page in the tables
 * @param bootstrapToken the admin API token {@code bootstrap} (every scope) created on
 * first start when no admin API token exists; blank means generate one and write it to
 * {@code <data-dir>/initial-credentials}
 */
@Validated
@ConfigurationProperties("keyward.admin")
public record AdminProperties(@NotNull @DefaultValue("http://127.0.0.1:8080") URI gatewayUrl,
		@NotNull @DefaultValue("http://127.0.0.1:8082") URI caUrl,
		@NotNull @DefaultValue("http://127.0.0.1:8081") URI challengeUrl, String serviceToken, String initialPassword,
		@NotNull @DefaultValue("5s") Duration timeout, @Min(1) @Max(500) @DefaultValue("25") int pageSize,
		String bootstrapToken) {

	public boolean hasServiceToken() {
		return this.serviceToken != null && !this.serviceToken.isBlank();
	}

	public boolean hasInitialPassword() {
		return this.initialPassword != null && !this.initialPassword.isBlank();
	}

}
