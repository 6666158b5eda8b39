package io.keyward.ca.issuance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.keyward.api.ca.CertificateStatistics;
import io.keyward.api.ca.CertificateStatistics.CrlAge;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Issue 16, the dashboard's overview: the valid certificates expiring within 90 days,
 * counted in one statement over a range of {@code ix_certificate_not_after_id}, and the
 * newest CRL of each CA (RFC 5280 section 5.1.2.4, thisUpdate). Scope
 * {@code statistics:read}, the admin-ui's only.
 */
@RestController
class CertificateStatisticsController {

	private final JdbcClient jdbc;

	private final Clock clock;

	CertificateStatisticsController(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@GetMapping("/api/v1/statistics/certificates")
	CertificateStatistics statistics() {
		Instant now = this.clock.instant();
		long[] counts = this.jdbc
			.sql("select count(*) filter (where not_after <= :in7) as in7, "
					+ "count(*) filter (where not_after <= :in30) as in30, count(*) as in90 from ca.certificate "
					+ "where not_after > :now and not_after <= :in90 and revoked_at is null")
			.param("now", utc(now))
			.param("in7", utc(now.plus(Duration.ofDays(7))))
			.param("in30", utc(now.plus(Duration.ofDays(30))))
			.param("in90", utc(now.plus(Duration.ofDays(90))))
			.query((row, number) -> new long[] { row.getLong("in7"), row.getLong("in30"), row.getLong("in90") })
			.single();
		return new CertificateStatistics(now, counts[0], counts[1], counts[2],
				this.jdbc
					.sql("select distinct on (ca_name) ca_name, crl_number, this_update, next_update from ca.crl "
							+ "order by ca_name, crl_number desc")
					.query((row, number) -> new CrlAge(row.getString("ca_name"), row.getLong("crl_number"),
							row.getObject("this_update", OffsetDateTime.class).toInstant(),
							row.getObject("next_update", OffsetDateTime.class).toInstant()))
					.list());
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
