package io.keyward.challenge.ndes;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code keyward.challenge.ca.*}: how the challenge-service reads the CA certificate it
 * shows on the NDES page, from the ca-adapter's {@code GET /api/v1/ca} as the caller
 * {@code challenge-service} (scope {@code ca:read}, nothing else).
 *
 * @param url the ca-adapter
 * @param token this service's caller token at the ca-adapter
 * @param cache how long a read CA certificate is shown before it is read again (a CA
 * rollover shows the new thumbprint at most this late)
 * @param timeout connect and read timeout of the call
 */
@Validated
@ConfigurationProperties("keyward.challenge.ca")
public record CaAccessProperties(@DefaultValue("http://127.0.0.1:8082") @NotNull URI url, @Nullable String token,
		@DefaultValue("1m") @NotNull Duration cache, @DefaultValue("5s") @NotNull Duration timeout) {

	String tokenOrBlank() {
		return (this.token != null) ? this.token.strip() : "";
	}

}
