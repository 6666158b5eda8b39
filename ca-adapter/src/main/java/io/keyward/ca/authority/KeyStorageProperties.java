package io.keyward.ca.authority;

import java.nio.file.Path;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the key-encryption key comes from ({@code keyward.kek},
 * {@code keyward.data-dir}).
 *
 * @param dataDir holds {@code kek} when {@code keyward.kek} is blank
 * @param kek base64 of 32 bytes; blank means {@code <data-dir>/kek}
 */
@Validated
@ConfigurationProperties("keyward")
public record KeyStorageProperties(@DefaultValue("./data") @NotNull Path dataDir, String kek) {

}
