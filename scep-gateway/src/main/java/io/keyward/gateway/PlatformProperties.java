package io.keyward.gateway;

import java.nio.file.Path;
import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The settings every Keyward service shares ({@code keyward.data-dir},
 * {@code keyward.kek}, {@code keyward.security.service-tokens}).
 *
 * @param dataDir where the key-encryption key file lives when {@code kek} is not set
 * @param kek base64 of the 32-byte key-encryption key; blank to use
 * {@code <data-dir>/kek}
 * @param security accepted caller tokens
 */
@Validated
@ConfigurationProperties("keyward")
public record PlatformProperties(@DefaultValue("./data") @NotNull Path dataDir, String kek,
		@DefaultValue Security security) {

	/**
	 * @param serviceTokens bearer tokens internal callers (the admin-ui) present
	 */
	public record Security(@DefaultValue List<String> serviceTokens) {
	}

}
