package io.keyward.admin.enrollment;

import io.keyward.admin.web.Timestamps;
import io.keyward.api.gateway.Refusal;

/**
 * One request the gateway refused before it recorded a transaction. Every field but the
 * time comes from the client: the template prints them only with {@code th:text}.
 *
 * @param time when, UTC
 * @param profile the profile asked for
 * @param transactionId the SCEP transactionID, empty when the message had none
 * @param messageType the message type or operation
 * @param reason failInfo and reason
 */
public record RefusalRow(String time, String profile, String transactionId, String messageType, String reason) {

	static RefusalRow of(Refusal refusal) {
		return new RefusalRow(Timestamps.utc(refusal.occurredAt()), orEmpty(refusal.profile()),
				orEmpty(refusal.transactionId()), orEmpty(refusal.messageType()),
				orEmpty(refusal.failInfo()) + ": " + orEmpty(refusal.reason()));
	}

	private static String orEmpty(String value) {
		return (value != null) ? value : "";
	}

}
