package io.keyward.challenge.ca;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code keyward.challenge.ca.*}: how the challenge-service reaches the ca-adapter, as
 * its caller {@code challenge-service} (scope {@code certificates:revoke} only), to
 * revoke the certificates Intune retires or was not told of.
 *
 * @param url the ca-adapter's base URL
 * @param token this service's bearer token at the ca-adapter
 * @param timeout connect and read timeout
 */
@Validated
@ConfigurationProperties("keyward.challenge.ca")
public record CaAdapterProperties(@DefaultValue("http://127.0.0.1:8082") @NotNull URI url, @Nullable String token,
		@DefaultValue("10s") @NotNull Duration timeout) {

	@Override
	public String toString() {
		return "CaAdapterProperties[url=" + this.url + ", token=(hidden)]";
	}

}
