package io.keyward.gateway.transaction;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long a closed transaction keeps its PKCS#10 request
 * ({@code keyward.gateway.retention.*}). A closed transaction never needs it again: a
 * retry is recognised by {@code csr_sha256} and answered from the row's status and
 * certificate, which stay, as does the rest of the summary (subject, profile, algorithms,
 * decision, times). The request (sealed, up to {@code max-message-size}) is what makes
 * rows large, so refused ones lose it sooner.
 *
 * @param purgeInterval how often the purge runs
 * @param issuedCsr how long after it was issued a transaction keeps its request
 * @param failedCsr how long after it was refused (or expired, or rejected) a transaction
 * keeps its request
 */
@Validated
@ConfigurationProperties("keyward.gateway.retention")
public record TransactionRetention(@DefaultValue("1h") @NotNull @DurationMin(seconds = 1) Duration purgeInterval,
		@DefaultValue("7d") @NotNull Duration issuedCsr, @DefaultValue("1d") @NotNull Duration failedCsr) {

}
