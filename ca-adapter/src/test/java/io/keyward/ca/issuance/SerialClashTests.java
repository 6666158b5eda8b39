package io.keyward.ca.issuance;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.keyward.api.ca.IssueRequest;
import io.keyward.ca.CaAdapterTest;
import io.keyward.ca.TestCsrs;
import io.keyward.ca.authority.CertificateAuthority;
import io.keyward.ca.authority.CertificateSpec;
import io.keyward.ca.authority.IssuedCertificate;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A serial that is already taken must never be stored twice: the unique constraint
 * rejects it, the whole statement (request row included) rolls back, and issuance retries
 * with a fresh serial.
 */
@CaAdapterTest
class SerialClashTests {

	/** Every template granted: these tests are about serials, not grants. */
	private static final java.util.function.Predicate<String> ANY = (template) -> true;

	@Autowired
	CertificateAuthority authority;

	@Autowired
	IssuancePolicy policy;

	@Autowired
	CertificateStore store;

	@Autowired
	Clock clock;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MeterRegistry meters;

	@Autowired
	ReservedSubjects reservedSubjects;

	private final String csr = TestCsrs.forKey(TestCsrs.rsa(2048), "CN=clash").base64();

	@Test
	void whenTheCaRepeatsATakenSerialThenIssuanceRetriesWithANewOne() {
		RepeatingAuthority repeating = new RepeatingAuthority(this.authority, 1);
		Issuance issuance = issuance(repeating);
		String first = issuance
			.issue(new IssueRequest(this.csr, "clash", "default", "tx-" + UUID.randomUUID()), "tests", ANY)
			.serial();
		String transactionId = "tx-" + UUID.randomUUID();

		String second = issuance.issue(new IssueRequest(this.csr, "clash", "default", transactionId), "tests", ANY)
			.serial();

		assertThat(second).isNotEqualTo(first);
		assertThat(repeating.calls.get()).isEqualTo(3);
		assertThat(requestRows(transactionId)).isEqualTo(1);
	}

	@Test
	void whenEveryAttemptClashesThenIssuanceFailsAndStoresNothing() {
		RepeatingAuthority repeating = new RepeatingAuthority(this.authority, Integer.MAX_VALUE);
		Issuance issuance = issuance(repeating);
		issuance.issue(new IssueRequest(this.csr, "clash", "default", "tx-" + UUID.randomUUID()), "tests", ANY);
		String transactionId = "tx-" + UUID.randomUUID();

		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(
				() -> issuance.issue(new IssueRequest(this.csr, "clash", "default", transactionId), "tests", ANY));

		assertThat(repeating.calls.get()).isEqualTo(1 + Issuance.MAX_ATTEMPTS);
		assertThat(requestRows(transactionId)).isZero();
	}

	private Issuance issuance(CertificateAuthority authority) {
		return new Issuance(authority, this.policy, this.store, this.clock, this.meters, this.reservedSubjects);
	}

	private long requestRows(String transactionId) {
		return this.jdbc.queryForObject("select count(*) from ca.certificate_request where transaction_id = ?",
				Long.class, transactionId);
	}

	/** Signs once, then hands back that same certificate {@code repeats} times. */
	private static final class RepeatingAuthority implements CertificateAuthority {

		private final CertificateAuthority delegate;

		private final int repeats;

		private final AtomicInteger calls = new AtomicInteger();

		private IssuedCertificate first;

		RepeatingAuthority(CertificateAuthority delegate, int repeats) {
			this.delegate = delegate;
			this.repeats = repeats;
		}

		@Override
		public IssuedCertificate issue(CertificateSpec spec) {
			int call = this.calls.incrementAndGet();
			if (call == 1) {
				this.first = this.delegate.issue(spec);
				return this.first;
			}
			return (call - 1 <= this.repeats) ? this.first : this.delegate.issue(spec);
		}

		@Override
		public List<X509Certificate> chain() {
			return this.delegate.chain();
		}

		@Override
		public String name() {
			return this.delegate.name();
		}

		@Override
		public org.bouncycastle.cert.X509CRLHolder signCrl(org.bouncycastle.cert.X509v2CRLBuilder crl) {
			return this.delegate.signCrl(crl);
		}

	}

}
