package io.keyward.admin.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import io.keyward.edge.log.LogText;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who did what, from the dashboard or the admin API: one appended row, one log line and
 * one count ({@code keyward.admin.actions} by action) per state-changing action. The
 * services that carry the action out record it too (the ca-adapter stores who revoked,
 * the gateway who approved).
 */
@Component
public class AdminActions {

	private static final Logger log = LoggerFactory.getLogger(AdminActions.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final MeterRegistry meters;

	AdminActions(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.meters = meters;
	}

	/**
	 * @param actor {@code admin:<user>}, {@code token:<name>} or {@code bootstrap}
	 * @param action a stable event name, e.g. {@code certificate_revoked}
	 * @param target what it was done to, e.g. {@code certificate:0A1B}
	 * @param detail more, may be null
	 */
	public void record(String actor, String action, String target, String detail) {
		this.jdbc
			.sql("insert into admin.admin_action (actor, action, target, detail, at) "
					+ "values (:actor, :action, :target, :detail, :at)")
			.param("actor", actor)
			.param("action", action)
			.param("target", target)
			.param("detail", detail)
			.param("at", Timestamp.from(this.clock.instant()))
			.update();
		this.meters.counter("keyward.admin.actions", "action", action).increment();
		log.info("event=admin_action action={} actor=\"{}\" target=\"{}\"", action, LogText.printable(actor),
				LogText.printable(target));
	}

	/**
	 * @param target e.g. {@code certificate:0A1B}
	 * @return the actions on it, oldest first
	 */
	public List<AdminAction> on(String target) {
		return this.jdbc
			.sql("select actor, action, target, detail, at from admin.admin_action where target = :target "
					+ "order by at, id")
			.param("target", target)
			.query((rs, row) -> new AdminAction(rs.getString("actor"), rs.getString("action"), rs.getString("target"),
					rs.getString("detail"), rs.getTimestamp("at").toInstant()))
			.list();
	}

}
