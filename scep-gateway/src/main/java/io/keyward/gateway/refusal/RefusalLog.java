package io.keyward.gateway.refusal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.keyward.api.gateway.Refusal;
import io.keyward.api.gateway.RefusalPage;
import io.keyward.edge.log.LogText;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Requests refused before a transaction was recorded, so that the dashboard shows every
 * refusal with its reason (issue 16). Texts are made printable and capped before they are
 * written (a client chooses them); a failure to write never changes the answer the client
 * gets. Counted in {@code keyward.gateway.refusals} (tag {@code failInfo}).
 * <p>
 * A client can be refused as fast as it can send, and nobody authenticated it: between
 * two purges this replica writes at most {@code keyward.gateway.refusals.max-rows} rows;
 * the ones beyond are only counted ({@code keyward.gateway.refusals.unrecorded}), so a
 * flood cannot grow the table faster than the purge bounds it.
 */
@Component
public class RefusalLog {

	private static final Logger log = LoggerFactory.getLogger(RefusalLog.class);

	static final int MAX_PROFILE = 64;

	static final int MAX_TRANSACTION_ID = 128;

	static final int MAX_MESSAGE_TYPE = 32;

	static final int MAX_FAIL_INFO = 32;

	static final int MAX_REASON = 300;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final MeterRegistry meters;

	private final int budget;

	private final AtomicInteger recordedSincePurge = new AtomicInteger();

	RefusalLog(JdbcClient jdbc, Clock clock, MeterRegistry meters, RefusalRetention retention) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.meters = meters;
		this.budget = retention.maxRows();
	}

	/**
	 * @param profile the profile the client asked for
	 * @param transactionId its transactionID, null when unknown
	 * @param messageType the message type or operation, null when unknown
	 * @param failInfo the failInfo name, or {@code http400}/{@code http404}
	 * @param reason why
	 */
	public void record(String profile, String transactionId, String messageType, String failInfo, String reason) {
		String kind = capped(failInfo, MAX_FAIL_INFO);
		this.meters.counter("keyward.gateway.refusals", "failInfo", kind).increment();
		if (this.recordedSincePurge.incrementAndGet() > this.budget) {
			this.meters.counter("keyward.gateway.refusals.unrecorded").increment();
			return;
		}
		try {
			this.jdbc.sql("""
					insert into refusal (occurred_at, profile, transaction_id, message_type, fail_info, reason)
					values (:at, :profile, :transactionId, :messageType, :failInfo, :reason)""")
				.param("at", Timestamp.from(this.clock.instant()))
				.param("profile", capped(profile, MAX_PROFILE))
				.param("transactionId", (transactionId != null) ? capped(transactionId, MAX_TRANSACTION_ID) : null)
				.param("messageType", (messageType != null) ? capped(messageType, MAX_MESSAGE_TYPE) : null)
				.param("failInfo", kind)
				.param("reason", capped(reason, MAX_REASON))
				.update();
		}
		catch (DataAccessException ex) {
			log.warn("event=refusal_not_recorded failInfo={} cause=\"{}\"", kind, LogText.printable(ex.getMessage()));
		}
	}

	/** The purge ran: this replica may write {@code max-rows} refusals again. */
	void purged() {
		this.recordedSincePurge.set(0);
	}

	/**
	 * @param page from 0
	 * @param size rows per page
	 * @return newest first
	 */
	public RefusalPage page(int page, int size) {
		return page(page, size, RefusalFilter.NONE);
	}

	/**
	 * The kept refusals that match a filter, one page in its order. The table is bounded
	 * ({@code keyward.gateway.refusals.max-rows}), so the filter reads at most that many
	 * rows; the order is one of {@link RefusalFilter#ORDERS}, never text from the caller.
	 * @param page from 0
	 * @param size rows per page
	 * @param filter what to keep and the order
	 */
	public RefusalPage page(int page, int size, RefusalFilter filter) {
		String where = """
				where (cast(:profile as text) is null or profile = :profile)
				  and (cast(:failInfo as text) is null or fail_info = :failInfo)
				  and (cast(:q as text) is null or strpos(lower(concat_ws(' ', reason, transaction_id,
				       message_type, profile)), lower(:q)) > 0)""";
		long total = filter.bind(this.jdbc.sql("select count(*) from refusal " + where)).query(Long.class).single();
		var items = filter
			.bind(this.jdbc.sql("select occurred_at, profile, transaction_id, message_type, fail_info, reason "
					+ "from refusal " + where + " order by " + filter.orderBy() + " limit :size offset :offset"))
			.param("size", size)
			.param("offset", (long) page * size)
			.query((rs, row) -> new Refusal(rs.getTimestamp("occurred_at").toInstant(), rs.getString("profile"),
					rs.getString("transaction_id"), rs.getString("message_type"), rs.getString("fail_info"),
					rs.getString("reason")))
			.list();
		return new RefusalPage(items, page, size, total, distinct("profile"), distinct("fail_info"));
	}

	/** The distinct values of a column of the bounded table, for a filter's choices. */
	private List<String> distinct(String column) {
		return this.jdbc.sql("select distinct " + column + " from refusal order by 1").query(String.class).list();
	}

	static String capped(String text, int length) {
		String printable = LogText.printable((text != null) ? text : "");
		return (printable.length() <= length) ? printable : printable.substring(0, length - 1) + "…";
	}

}
