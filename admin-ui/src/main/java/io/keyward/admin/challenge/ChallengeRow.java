package io.keyward.admin.challenge;

import java.util.Objects;

import io.keyward.admin.web.Timestamps;
import io.keyward.api.challenge.ChallengeBinding;
import io.keyward.api.challenge.ChallengeRecord;

/**
 * One outstanding challenge, its times in UTC; what it is bound to as text.
 */
record ChallengeRow(String id, String profile, String createdAt, String expiresAt, String binding, String externalId) {

	static ChallengeRow of(ChallengeRecord challenge) {
		return new ChallengeRow(challenge.id().toString(), challenge.profile(), Timestamps.utc(challenge.createdAt()),
				Timestamps.utc(challenge.expiresAt()), binding(challenge.binding()),
				Objects.toString(challenge.externalId(), ""));
	}

	private static String binding(ChallengeBinding binding) {
		if (binding == null) {
			return "none";
		}
		StringBuilder text = new StringBuilder();
		append(text, "sid", binding.sid());
		append(text, "subject", binding.subject());
		append(text, "subjectPattern", binding.subjectPattern());
		append(text, "SANs", (binding.subjectAltNames() != null) ? String.join(" ", binding.subjectAltNames()) : null);
		append(text, "keyUsage", (binding.keyUsage() != null) ? String.join(" ", binding.keyUsage()) : null);
		append(text, "deviceId", binding.deviceId());
		append(text, "template", binding.template());
		return text.isEmpty() ? "none" : text.toString();
	}

	private static void append(StringBuilder text, String name, String value) {
		if (value != null && !value.isBlank()) {
			text.append(text.isEmpty() ? "" : "; ").append(name).append('=').append(value);
		}
	}

}
