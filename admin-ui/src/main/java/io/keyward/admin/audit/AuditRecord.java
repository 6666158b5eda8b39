package io.keyward.admin.audit;

import java.time.Instant;

/**
 * One record of the audit log.
 *
 * @param seq its place in the log, from 1 without gaps
 * @param at when, to the microsecond
 * @param actor who: {@code admin:<user>}, {@code token:<name>}, {@code bootstrap}, or
 * {@code address:<ip>} for a sign-in that named no known admin
 * @param action a stable event name, e.g. {@code certificate_revoked}
 * @param target what it was done to, e.g. {@code certificate:0A1B}
 * @param detail more, may be null
 * @param previousHash the hash of record {@code seq - 1} (64 zeros for the first)
 * @param hash SHA-256 over this record and {@code previousHash} ({@link AuditChain})
 */
public record AuditRecord(long seq, Instant at, String actor, String action, String target, String detail,
		String previousHash, String hash) {
}
