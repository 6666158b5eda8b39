package io.keyward.gateway;

import java.nio.file.Path;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The settings every Keyward service shares ({@code keyward.data-dir},
 * {@code keyward.kek}); the callers this gateway accepts are {@code keyward.edge.callers}
 * (service-edge).
 *
 * @param dataDir where the key-encryption key file lives when {@code kek} is not set
 * @param kek base64 of the 32-byte key-encryption key; blank to use
 * {@code <data-dir>/kek}
 */
@Validated
@ConfigurationProperties("keyward")
public record PlatformProperties(@DefaultValue("./data") @NotNull Path dataDir, String kek) {

}
