package io.keyward.ca.issuance;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import io.keyward.api.ca.CertificateStatistics;
import io.keyward.ca.CaAdapterTest;
import io.keyward.ca.CaApiTests;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.HttpClientErrorException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Issue 16: the overview's expiry counts and CRL ages, read only by the admin-ui (scope
 * {@code statistics:read}). The clock is moved to a year no other test's certificates
 * reach, so only this test's rows are counted.
 */
class CertificateStatisticsTests extends CaApiTests {

	private static final Instant NOW = Instant.parse("2090-01-01T00:00:00Z");

	@Test
	void whenCertificatesExpireSoonThenCountedByWindowAndRevokedOnesLeftOut() {
		String caName = this.client.authorities().get(0).name();
		this.client.crl(caName);
		this.clock.set(NOW);
		String profile = "stats-" + UUID.randomUUID();
		long request = this.jdbc.queryForObject("insert into ca.certificate_request (profile, template, csr, subject, "
				+ "requested_at, status) values (?, 'default', '\\x30', 'CN=stats', now(), 'ISSUED') returning id",
				Long.class, profile);
		certificate(request, profile, NOW.plusSeconds(3 * 86400), false);
		certificate(request, profile, NOW.plusSeconds(6 * 86400), true);
		certificate(request, profile, NOW.plusSeconds(20 * 86400), false);
		certificate(request, profile, NOW.plusSeconds(80 * 86400), false);
		certificate(request, profile, NOW.plusSeconds(200 * 86400), false);
		certificate(request, profile, NOW.minusSeconds(86400), false);

		CertificateStatistics statistics = client(CaAdapterTest.ADMIN_UI_TOKEN).statistics();

		assertThat(statistics.at()).isEqualTo(NOW);
		assertThat(statistics.expiringIn7Days()).isEqualTo(1);
		assertThat(statistics.expiringIn30Days()).isEqualTo(2);
		assertThat(statistics.expiringIn90Days()).isEqualTo(3);
		assertThat(statistics.crls()).anySatisfy((crl) -> {
			assertThat(crl.caName()).isEqualTo(caName);
			assertThat(crl.thisUpdate()).isBefore(crl.nextUpdate());
		});
	}

	@Test
	void whenAnyOtherCallerAsksThenForbiddenOrUnauthorized() {
		assertThatExceptionOfType(HttpClientErrorException.Forbidden.class)
			.isThrownBy(() -> client(CaAdapterTest.GATEWAY_TOKEN).statistics());
		assertThatExceptionOfType(HttpClientErrorException.Forbidden.class)
			.isThrownBy(() -> client(CaAdapterTest.CHALLENGE_SERVICE_TOKEN).statistics());
		assertThatExceptionOfType(HttpClientErrorException.Forbidden.class).isThrownBy(() -> this.client.statistics());
		assertThatExceptionOfType(HttpClientErrorException.Unauthorized.class)
			.isThrownBy(() -> client("kw_strangerToken0123456789abcdef").statistics());
	}

	private void certificate(long request, String profile, Instant notAfter, boolean revoked) {
		this.jdbc.update("insert into ca.certificate (serial, request_id, subject, sans, not_before, not_after, "
				+ "profile, template, pem, issued_at, revoked_at, revocation_reason, ca_name) values (?, ?, 'CN=stats', "
				+ "'{}', ?, ?, ?, 'default', 'PEM', ?, ?, ?, 'stats')",
				UUID.randomUUID().toString().replace("-", "").toUpperCase(), request, NOW.atOffset(ZoneOffset.UTC),
				notAfter.atOffset(ZoneOffset.UTC), profile, NOW.atOffset(ZoneOffset.UTC),
				revoked ? NOW.atOffset(ZoneOffset.UTC) : null, revoked ? "superseded" : null);
	}

}
