package io.keyward.admin.overview;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;

import io.keyward.admin.AdminProperties;
import io.keyward.admin.authority.AuthorityRow;
import io.keyward.admin.web.RemoteCall;
import io.keyward.admin.web.Timestamps;
import io.keyward.api.ca.AuthorityCertificate;
import io.keyward.api.ca.CertificateAuthorityClient;
import io.keyward.api.ca.CertificateStatistics;
import io.keyward.api.challenge.MdmClient;
import io.keyward.api.challenge.MdmClientsClient;
import io.keyward.api.gateway.EnrollmentLogClient;
import io.keyward.api.gateway.EnrollmentStatistics;
import io.keyward.api.gateway.RaCertificate;
import io.keyward.api.gateway.RaCertificateClient;
import io.keyward.api.gateway.TlsCertificate;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Issue 16, the overview: an admin's day at a glance, read from the services' own APIs
 * (aggregates counted where the rows are, never copied here). Each service is asked
 * separately, so one that is down leaves its part empty and says what is wrong in a
 * banner while the rest of the page still renders.
 */
@Controller
class OverviewController {

	private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:00");

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd");

	private final EnrollmentLogClient gateway;

	private final RaCertificateClient ra;

	private final CertificateAuthorityClient ca;

	private final MdmClientsClient challenge;

	private final JdbcTemplate jdbc;

	private final AdminProperties properties;

	private final Clock clock;

	OverviewController(EnrollmentLogClient gateway, RaCertificateClient ra, CertificateAuthorityClient ca,
			MdmClientsClient challenge, JdbcTemplate jdbc, AdminProperties properties, Clock clock) {
		this.gateway = gateway;
		this.ra = ra;
		this.ca = ca;
		this.challenge = challenge;
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
	}

	@GetMapping({ "/", "/overview" })
	String overview(Model model) {
		boolean token = this.properties.hasServiceToken();
		RemoteCall<EnrollmentStatistics> enrollments = RemoteCall.of("scep-gateway", this.properties.gatewayUrl(),
				token, this.gateway::statistics);
		RemoteCall<List<RaCertificate>> raCertificates = RemoteCall.of("scep-gateway", this.properties.gatewayUrl(),
				token, this.ra::raCertificates);
		RemoteCall<List<TlsCertificate>> tlsCertificates = RemoteCall.of("scep-gateway", this.properties.gatewayUrl(),
				token, this.ra::tlsCertificates);
		RemoteCall<CertificateStatistics> certificates = RemoteCall.of("ca-adapter", this.properties.caUrl(), token,
				this.ca::statistics);
		RemoteCall<List<AuthorityCertificate>> authorities = RemoteCall.of("ca-adapter", this.properties.caUrl(), token,
				this.ca::authorities);
		RemoteCall<List<MdmClient>> mdmClients = RemoteCall.of("challenge-service", this.properties.challengeUrl(),
				token, this.challenge::list);
		List<ServiceHealth> health = List.of(
				ServiceHealth.of("scep-gateway", enrollments, raCertificates, tlsCertificates),
				ServiceHealth.of("challenge-service", mdmClients),
				ServiceHealth.of("ca-adapter", certificates, authorities), database());
		Instant now = this.clock.instant();
		model.addAttribute("health", health);
		model.addAttribute("down", health.stream().filter((service) -> !service.up()).toList());
		model.addAttribute("enrollments", enrollments.value());
		model.addAttribute("charts", (enrollments.value() != null)
				? List.of(BarChart.of("Enrollments per hour, last 24 hours (UTC)", enrollments.value().hourly(), HOUR),
						BarChart.of("Enrollments per day, last 30 days (UTC)", enrollments.value().daily(), DAY))
				: List.of());
		model.addAttribute("certificates", certificates.value());
		model.addAttribute("crls",
				(certificates.value() != null) ? certificates.value()
					.crls()
					.stream()
					.map((crl) -> new CrlRow(crl.caName(), crl.crlNumber(), Timestamps.utc(crl.thisUpdate()),
							Duration.between(crl.thisUpdate(), now).toHours(), Timestamps.utc(crl.nextUpdate()),
							now.isAfter(crl.nextUpdate())))
					.toList() : List.of());
		model.addAttribute("keyCertificates", Stream.concat(
				authorities.ok() ? authorities.value().stream().map((c) -> AuthorityRow.of(c, now)) : Stream.empty(),
				Stream.concat(
						raCertificates.ok() ? raCertificates.value().stream().map((c) -> AuthorityRow.of(c, now))
								: Stream.empty(),
						tlsCertificates.ok() ? tlsCertificates.value().stream().map((c) -> AuthorityRow.of(c, now))
								: Stream.empty()))
			.toList());
		return "overview";
	}

	/** The admin-ui's own database: the one the overview can ask directly. */
	private ServiceHealth database() {
		try {
			this.jdbc.queryForObject("select 1", Integer.class);
			return new ServiceHealth("database", true, "");
		}
		catch (DataAccessException ex) {
			return new ServiceHealth("database", false,
					"the admin-ui's database does not answer: " + ex.getMostSpecificCause().getClass().getSimpleName());
		}
	}

	/**
	 * @param caName the CA generation
	 * @param crlNumber its newest CRL's number
	 * @param thisUpdate when that was issued, UTC
	 * @param ageHours how old it is
	 * @param nextUpdate when the next is due, UTC
	 * @param overdue whether nextUpdate has passed (relying parties now reject it)
	 */
	record CrlRow(String caName, long crlNumber, String thisUpdate, long ageHours, String nextUpdate, boolean overdue) {
	}

}
