package io.keyward.gateway.transaction;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.keyward.api.gateway.EnrollmentStatistics;
import io.keyward.api.gateway.EnrollmentStatistics.Bucket;
import io.keyward.api.gateway.EnrollmentStatistics.ReasonCount;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Issue 16, the dashboard's overview: the transactions of the last 30 days, and the
 * requests refused before a transaction existed ({@code refusal}), counted in the
 * database (by {@code transaction_created_at_id_idx} and {@code refusal_occurred_at}),
 * never sent row by row. Scope {@code statistics:read}, the admin-ui's only.
 */
@RestController
class EnrollmentStatisticsController {

	private static final int HOURS = 24;

	private static final int DAYS = 30;

	private static final int REASONS = 10;

	private final JdbcClient jdbc;

	private final Clock clock;

	EnrollmentStatisticsController(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@GetMapping("/api/v1/statistics/enrollments")
	EnrollmentStatistics statistics() {
		Instant now = this.clock.instant();
		Instant hour = now.truncatedTo(ChronoUnit.HOURS);
		Instant day = now.truncatedTo(ChronoUnit.DAYS);
		return new EnrollmentStatistics(now,
				buckets("hour", hour.minus(Duration.ofHours(HOURS - 1)), HOURS, Duration.ofHours(1)),
				buckets("day", day.minus(Duration.ofDays(DAYS - 1)), DAYS, Duration.ofDays(1)),
				reasons(day.minus(Duration.ofDays(DAYS - 1))),
				this.jdbc.sql("select count(*) from transaction where status = 'WAITING_APPROVAL'")
					.query(Long.class)
					.single());
	}

	private List<Bucket> buckets(String unit, Instant since, int count, Duration width) {
		Map<Instant, long[]> counted = new HashMap<>();
		this.jdbc
			.sql("select date_trunc('" + unit + "', at, 'UTC') as bucket, "
					+ "count(*) filter (where status = 'ISSUED') as issued, "
					+ "count(*) filter (where status = 'FAILED') as refused from ("
					+ "select created_at as at, status from transaction where created_at >= :since "
					+ "union all select occurred_at, 'FAILED' from refusal where occurred_at >= :since"
					+ ") ended group by 1")
			.param("since", since.atOffset(ZoneOffset.UTC))
			.query((row, number) -> counted.put(row.getObject("bucket", OffsetDateTime.class).toInstant(),
					new long[] { row.getLong("issued"), row.getLong("refused") }))
			.list();
		List<Bucket> buckets = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			Instant start = since.plus(width.multipliedBy(i));
			long[] numbers = counted.getOrDefault(start, new long[2]);
			buckets.add(new Bucket(start, numbers[0], numbers[1]));
		}
		return buckets;
	}

	private List<ReasonCount> reasons(Instant since) {
		return this.jdbc
			.sql("select reason, count(*) as refusals from ("
					+ "select coalesce(failure_reason, fail_info, 'unknown') as reason from transaction "
					+ "where status = 'FAILED' and created_at >= :since "
					+ "union all select reason from refusal where occurred_at >= :since"
					+ ") refused group by 1 order by 2 desc, 1 limit :limit")
			.param("since", since.atOffset(ZoneOffset.UTC))
			.param("limit", REASONS)
			.query((row, number) -> new ReasonCount(row.getString("reason"), row.getLong("refusals")))
			.list();
	}

}
