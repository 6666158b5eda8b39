package io.keyward.api.gateway;

import java.time.Instant;

/**
 * A SCEP request the gateway refused before it recorded a transaction (no challenge
 * password, a message that does not parse, an unknown profile, a bad signature...). Every
 * text field is capped by the gateway and is attacker-controlled; the challenge password
 * is never kept.
 *
 * @param occurredAt when it was refused
 * @param profile the profile asked for, as the client wrote it (up to 64 characters)
 * @param transactionId the SCEP transactionID when the message carried one, else null
 * @param messageType PKCSReq, CertPoll, ... or the operation (GetCACaps, PKIOperation)
 * when the message could not be read
 * @param failInfo the RFC 8894 section 3.2.1.4 failInfo name, or {@code http400} and
 * {@code http404} when the answer was an HTTP error
 * @param reason why, in words (up to 300 characters)
 */
public record Refusal(Instant occurredAt, String profile, String transactionId, String messageType, String failInfo,
		String reason) {
}
