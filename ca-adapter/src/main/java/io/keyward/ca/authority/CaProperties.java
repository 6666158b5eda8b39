package io.keyward.ca.authority;

import java.time.Period;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The built-in CA ({@code keyward.ca.*}). Key algorithm, subject and validity apply only
 * when the CA is created on first start; afterwards the stored CA wins.
 *
 * @param name the CA's name in the database; the sealed key's purpose is
 * {@code ca:<name>}
 * @param keyAlgorithm key algorithm of a new CA key
 * @param subject subject DN of a new root CA (RFC 4514)
 * @param validity validity of a new root CA
 */
@Validated
@ConfigurationProperties("keyward.ca")
public record CaProperties(@DefaultValue("root") @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String name,
		@DefaultValue("RSA_2048") @NotNull CaKeyAlgorithm keyAlgorithm,
		@DefaultValue("CN=Keyward Root CA,O=Keyward") @NotBlank String subject,
		@DefaultValue("P10Y") @NotNull Period validity) {

}
