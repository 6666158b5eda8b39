package io.keyward.admin.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import io.keyward.edge.caller.SecretTokens;

/**
 * The hash chain of the audit log: each record's hash is SHA-256 over a canonical text of
 * the record that includes the previous record's hash, so changing or removing any record
 * changes every hash after it. The text is unambiguous (each free-text field carries its
 * length in octets) and migration V5 writes the same text in SQL; change neither alone.
 */
public final class AuditChain {

	/** The previous hash of the first record. */
	public static final String GENESIS = "0".repeat(64);

	private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
		.withZone(ZoneOffset.UTC);

	private AuditChain() {
	}

	/**
	 * @return the instant as PostgreSQL keeps it (microseconds), which is what is hashed
	 */
	static Instant stored(Instant at) {
		return at.truncatedTo(ChronoUnit.MICROS);
	}

	/**
	 * @return the hash the record must carry, computed from its fields and its
	 * {@link AuditRecord#previousHash()} (its own {@code hash} is ignored)
	 */
	public static String hash(AuditRecord record) {
		String text = String.join("\n", "keyward-audit-v1", record.previousHash(), Long.toString(record.seq()),
				AT.format(record.at()), field(record.actor()), field(record.action()), field(record.target()),
				field(record.detail()));
		return SecretTokens.sha256Hex(text);
	}

	private static String field(String value) {
		return (value != null) ? value.getBytes(StandardCharsets.UTF_8).length + ":" + value : "~";
	}

}
