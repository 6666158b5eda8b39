package io.keyward.admin.audit;

import java.util.List;

import io.keyward.edge.log.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Who did what, from the dashboard or the admin API: the one call a feature makes for
 * each security-relevant action (sign-in, revocation, approval, token, account changes,
 * and whatever is added later): one record in the hash-chained {@link AuditLog}, one log
 * line and one count ({@code keyward.audit.records} by action). The services that carry
 * the action out record it too (the ca-adapter stores who revoked, the gateway who
 * approved).
 */
@Component
public class AdminActions {

	private static final Logger log = LoggerFactory.getLogger(AdminActions.class);

	private final AuditLog auditLog;

	AdminActions(AuditLog auditLog) {
		this.auditLog = auditLog;
	}

	/**
	 * @param actor {@code admin:<user>}, {@code token:<name>}, {@code bootstrap}, or
	 * {@code address:<ip>} for someone not signed in
	 * @param action a stable event name, e.g. {@code certificate_revoked}
	 * @param target what it was done to, e.g. {@code certificate:0A1B}
	 * @param detail more, may be null; never a secret
	 */
	public void record(String actor, String action, String target, String detail) {
		AuditRecord record = this.auditLog.append(actor, action, target, detail);
		log.info("event=admin_action action={} actor=\"{}\" target=\"{}\" audit_seq={} audit_hash={}", action,
				LogText.printable(actor), LogText.printable(target), record.seq(), record.hash());
	}

	/**
	 * @param target e.g. {@code certificate:0A1B}
	 * @return the actions on it, oldest first
	 */
	public List<AdminAction> on(String target) {
		return on(List.of(target));
	}

	/**
	 * @param targets the spellings of one target, e.g. {@code certificate:0A1B} and
	 * {@code certificate:A1B}
	 * @return the actions on any of them, oldest first
	 */
	public List<AdminAction> on(List<String> targets) {
		if (targets.isEmpty()) {
			return List.of();
		}
		return this.auditLog.on(targets)
			.stream()
			.map((record) -> new AdminAction(record.actor(), record.action(), record.target(), record.detail(),
					record.at()))
			.toList();
	}

}
