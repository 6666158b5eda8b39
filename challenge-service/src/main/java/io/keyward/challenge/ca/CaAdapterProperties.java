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
 * its caller {@code challenge-service} (scopes {@code ca:read} and
 * {@code certificates:revoke}, nothing else): to read the CA certificate the NDES page
 * shows ({@code GET /api/v1/ca}) and to revoke the certificates Intune retires or was not
 * told of. One client serves both ({@link CaAdapterClientConfiguration}).
 *
 * @param url the ca-adapter's base URL
 * @param token this service's bearer token at the ca-adapter
 * @param cache how long a read CA certificate is shown before it is read again (a CA
 * rollover shows the new thumbprint at most this late)
 * @param timeout connect and read timeout of every call
 */
@Validated
@ConfigurationProperties("keyward.challenge.ca")
public record CaAdapterProperties(@DefaultValue("http://127.0.0.1:8082") @NotNull URI url, @Nullable String token,
		@DefaultValue("1m") @NotNull Duration cache, @DefaultValue("5s") @NotNull Duration timeout) {

	String tokenOrBlank() {
		return (this.token != null) ? this.token.strip() : "";
	}

	@Override
	public String toString() {
		return "CaAdapterProperties[url=" + this.url + ", cache=" + this.cache + ", timeout=" + this.timeout
				+ ", token=(hidden)]";
	}

}
