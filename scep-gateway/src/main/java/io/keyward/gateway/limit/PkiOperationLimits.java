package io.keyward.gateway.limit;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on PKIOperation ({@code keyward.gateway.limits.*}), checked before the message
 * is read: a PKIOperation costs a CMS parse, an RSA decryption, a database row and calls
 * to the challenge-service before any challenge is checked, so an unauthenticated caller
 * must not be able to ask for many of them. Over a limit the answer is HTTP 503 with
 * {@code Retry-After} (RFC 9110 section 10.2.3), which SCEP clients treat as "retry
 * later" (RFC 8894 section 3.3.2.3 leaves transport errors to the client's retry).
 *
 * @param enabled whether the limits apply at all
 * @param maxConcurrent PKIOperations in progress at once, all clients together
 * @param maxConcurrentPerClient PKIOperations in progress at once from one client address
 * @param maxInFlightBytes sum of the declared sizes of the PKIOperations in progress (a
 * POST without Content-Length counts as {@code keyward.gateway.max-message-size}): what
 * bounds the heap under a flood of large messages
 * @param ratePerSecond PKIOperations started per second, all clients together (sustained)
 * @param burst how many above that rate may start at once
 * @param ratePerClientPerSecond PKIOperations started per second from one client address
 * @param burstPerClient how many above that rate one client address may start at once
 * @param trustedProxies addresses of reverse proxies whose {@code X-Forwarded-For} names
 * the client; from any other peer the header is ignored and the socket's address counts
 * @param maxTrackedClients how many client addresses are remembered at once; beyond, idle
 * ones are forgotten, and while none is idle new addresses share one allowance
 * @param bodyTimeout how long a POST PKIOperation body may take to arrive, from the start
 * of its reading to its last byte; a body still incomplete then is answered 408. Until
 * its body is complete a request counts against its client's
 * {@code maxConcurrentPerClient} but not against {@code maxConcurrent}
 */
@Validated
@ConfigurationProperties("keyward.gateway.limits")
public record PkiOperationLimits(@DefaultValue("true") boolean enabled, @DefaultValue("32") @Min(1) int maxConcurrent,
		@DefaultValue("8") @Min(1) int maxConcurrentPerClient, @DefaultValue("32MB") @NotNull DataSize maxInFlightBytes,
		@DefaultValue("200") @Min(1) int ratePerSecond, @DefaultValue("400") @Min(1) int burst,
		@DefaultValue("20") @Min(1) int ratePerClientPerSecond, @DefaultValue("100") @Min(1) int burstPerClient,
		@DefaultValue @NotNull List<String> trustedProxies, @DefaultValue("10000") @Min(1) int maxTrackedClients,
		@DefaultValue("20s") @NotNull @DurationMin(millis = 1) Duration bodyTimeout) {

}
