package io.keyward.ca.issuance;

import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.keyward.api.SerialNumbers;
import io.keyward.api.ca.CertificateAuthorityClient;
import io.keyward.api.ca.IssueRequest;
import io.keyward.api.ca.IssuedCertificate;
import io.keyward.edge.caller.ServiceClients;
import io.keyward.ca.CaAdapterTest;
import io.keyward.ca.TestCsrs;
import io.keyward.ca.authority.CertificateAuthority;
import io.keyward.ca.authority.CertificateSpec;
import io.keyward.testsupport.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * One certificate per (transactionID, CSR): a retry after an uncertain failure, or the
 * same request sent twice at once, is answered with the certificate already issued.
 */
@CaAdapterTest
@ExtendWith(OutputCaptureExtension.class)
class IdempotentIssuanceTests {

	private static final KeyPair RSA_2048 = TestCsrs.rsa(2048);

	private static final int RACERS = 8;

	@LocalServerPort
	int port;

	@Autowired
	RestClient.Builder restClient;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JdbcClient jdbcClient;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	MutableClock clock;

	@Autowired
	CertificateAuthority authority;

	@Autowired
	IssuancePolicy policy;

	@Autowired
	CertificateStore store;

	@Autowired
	MeterRegistry meters;

	@Autowired
	ReservedSubjects reservedSubjects;

	@AfterEach
	void releaseClock() {
		this.clock.release();
	}

	@Test
	void whenTheSameTransactionAndCsrComeTwiceThenTheSameCertificateIsAnsweredAndStoredOnce(CapturedOutput output)
			throws Exception {
		// nanoseconds timestamptz cannot keep: the replay must still answer exactly what
		// the first call answered
		this.clock.set(Instant.now().truncatedTo(ChronoUnit.MICROS).plusNanos(789));
		String transactionId = "tx-" + UUID.randomUUID();
		byte[] der = TestCsrs.forKey(RSA_2048, "CN=retried").der();
		IssueRequest request = new IssueRequest(Base64.getEncoder().encodeToString(der), "devices", "default",
				transactionId);
		double replayedBefore = replayedCount();

		ResponseEntity<IssuedCertificate> first = post(request);
		ResponseEntity<IssuedCertificate> retried = post(request);

		String serial = first.getBody().serialNumber();
		assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(first.getHeaders().getLocation()).hasToString("/api/v1/certificates/" + serial);
		assertThat(first.getBody().transactionId()).isEqualTo(transactionId);
		assertThat(retried.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(retried.getHeaders().getLocation()).isEqualTo(first.getHeaders().getLocation());
		assertThat(retried.getBody()).isEqualTo(first.getBody());
		assertThat(requestRows(transactionId)).isOne();
		assertThat(certificateSerials(transactionId)).containsExactly(stored(serial));
		assertThat(this.jdbc.queryForObject("select csr_sha256 from ca.certificate_request where transaction_id = ?",
				String.class, transactionId))
			.isEqualTo(sha256(der));
		// no look-up before signing: the retry's own certificate was signed, refused by
		// the
		// unique index, and dropped (never stored nor answered)
		assertThat(output.getOut().lines().filter((line) -> line.contains("event=issuance_replayed")))
			.filteredOn((line) -> line.contains(transactionId))
			.singleElement(InstanceOfAssertFactories.STRING)
			.contains("event=issuance_replayed serial=" + serial + " transactionId=" + transactionId
					+ " discardedSerial=")
			.doesNotEndWith("discardedSerial=" + serial);
		assertThat(replayedCount()).isEqualTo(replayedBefore + 1);
	}

	@Test
	void whenARetrySpellsTheSameCsrAsPemThenItIsTheSameRequest() {
		String transactionId = "tx-" + UUID.randomUUID();
		byte[] der = TestCsrs.forKey(RSA_2048, "CN=armoured").der();
		String pem = "-----BEGIN CERTIFICATE REQUEST-----\n" + Base64.getMimeEncoder().encodeToString(der)
				+ "\n-----END CERTIFICATE REQUEST-----\n";
		CertificateAuthorityClient client = client();

		String first = client
			.issue(new IssueRequest(Base64.getEncoder().encodeToString(der), "devices", "default", transactionId))
			.serialNumber();
		String retried = client.issue(new IssueRequest(pem, "devices", "default", transactionId)).serialNumber();

		assertThat(retried).isEqualTo(first);
		assertThat(certificateSerials(transactionId)).containsExactly(stored(first));
	}

	@Test
	void whenARetryNamesATemplateThatRefusesItThenTheStoredCertificateIsStillAnswered(CapturedOutput output) {
		String transactionId = "tx-" + UUID.randomUUID();
		String csr = TestCsrs.forKey(RSA_2048, "CN=template-gone").base64();
		CertificateAuthorityClient client = client();

		String first = client.issue(new IssueRequest(csr, "devices", "default", transactionId)).serialNumber();
		String retried = client.issue(new IssueRequest(csr, "devices", "no-such-template", transactionId))
			.serialNumber();

		assertThat(retried).isEqualTo(first);
		assertThat(certificateSerials(transactionId)).containsExactly(stored(first));
		// refused before signing, so nothing was signed for the retry
		assertThat(output.getOut().lines().filter((line) -> line.contains("event=issuance_replayed")))
			.filteredOn((line) -> line.contains(transactionId))
			.singleElement(InstanceOfAssertFactories.STRING)
			.endsWith("event=issuance_replayed serial=" + first + " transactionId=" + transactionId);
	}

	@Test
	void whenANewRequestIsRefusedThenNothingIsStored() {
		String transactionId = "tx-" + UUID.randomUUID();
		String csr = TestCsrs.forKey(RSA_2048, "CN=refused").base64();

		assertThatExceptionOfType(HttpClientErrorException.BadRequest.class)
			.isThrownBy(() -> client().issue(new IssueRequest(csr, "devices", "no-such-template", transactionId)));
		assertThat(requestRows(transactionId)).isZero();
	}

	@Test
	void whenIdenticalRequestsRaceThenOneCertificateIsIssuedAndEveryCallerGetsIt() throws Exception {
		String transactionId = "tx-" + UUID.randomUUID();
		IssueRequest request = new IssueRequest(TestCsrs.forKey(RSA_2048, "CN=raced").base64(), "devices", "default",
				transactionId);
		CertificateAuthorityClient client = client();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(RACERS);
		List<String> answered = new ArrayList<>();
		try {
			List<Future<String>> calls = new ArrayList<>();
			for (int i = 0; i < RACERS; i++) {
				calls.add(pool.submit(() -> {
					start.await();
					return client.issue(request).serialNumber();
				}));
			}
			start.countDown();
			for (Future<String> call : calls) {
				answered.add(call.get(60, TimeUnit.SECONDS));
			}
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(answered).hasSize(RACERS);
		Set<String> distinct = new HashSet<>(answered);
		assertThat(distinct).hasSize(1);
		assertThat(certificateSerials(transactionId))
			.containsExactlyElementsOf(distinct.stream().map(IdempotentIssuanceTests::stored).toList());
		assertThat(requestRows(transactionId)).isOne();
	}

	@Test
	void whenTheSameRequestIsStoredWhileThisOneSignsThenTheStoredCertificateIsAnswered(CapturedOutput output) {
		String transactionId = "tx-" + UUID.randomUUID();
		IssueRequest request = new IssueRequest(TestCsrs.forKey(RSA_2048, "CN=overtaken").base64(), "devices",
				"default", transactionId);
		Issuance competitor = new Issuance(this.authority, this.policy, this.store, this.clock, this.meters,
				this.reservedSubjects);
		AtomicReference<String> winner = new AtomicReference<>();
		AtomicReference<String> discarded = new AtomicReference<>();
		// the competing call looks up, signs and commits after this call's look-up and
		// before its insert: the insert then fails on the request index, not on a serial
		CertificateAuthority overtaken = new CertificateAuthority() {

			@Override
			public io.keyward.ca.authority.IssuedCertificate issue(CertificateSpec spec) {
				winner.set(competitor.issue(request, "tests", (template) -> true).serial());
				io.keyward.ca.authority.IssuedCertificate signed = IdempotentIssuanceTests.this.authority.issue(spec);
				discarded.set(signed.serialHex());
				return signed;
			}

			@Override
			public List<X509Certificate> chain() {
				return IdempotentIssuanceTests.this.authority.chain();
			}

			@Override
			public String name() {
				return IdempotentIssuanceTests.this.authority.name();
			}

			@Override
			public org.bouncycastle.cert.X509CRLHolder signCrl(org.bouncycastle.cert.X509v2CRLBuilder crl) {
				return IdempotentIssuanceTests.this.authority.signCrl(crl);
			}

		};

		CertificateRecord answer = new Issuance(overtaken, this.policy, this.store, this.clock, this.meters,
				this.reservedSubjects)
			.issue(request, "tests", (template) -> true);

		assertThat(answer.serial()).isEqualTo(winner.get()).isNotEqualTo(discarded.get());
		assertThat(certificateSerials(transactionId)).containsExactly(winner.get());
		assertThat(requestRows(transactionId)).isOne();
		assertThat(this.jdbc.queryForObject("select count(*) from ca.certificate where serial = ?", Long.class,
				discarded.get()))
			.isZero();
		assertThat(output).contains("event=issuance_replayed serial=" + SerialNumbers.hex(winner.get())
				+ " transactionId=" + transactionId + " discardedSerial=" + SerialNumbers.hex(discarded.get()));
	}

	@Test
	void whenTheSameTransactionComesWithAnotherCsrThenASecondCertificateIsIssued() {
		String transactionId = "tx-" + UUID.randomUUID();
		CertificateAuthorityClient client = client();

		IssuedCertificate first = client.issue(
				new IssueRequest(TestCsrs.forKey(RSA_2048, "CN=first").base64(), "devices", "default", transactionId));
		IssuedCertificate second = client.issue(
				new IssueRequest(TestCsrs.forKey(RSA_2048, "CN=second").base64(), "devices", "default", transactionId));

		assertThat(first.subject()).isEqualTo("CN=first");
		assertThat(second.subject()).isEqualTo("CN=second");
		assertThat(second.serialNumber()).isNotEqualTo(first.serialNumber());
		assertThat(certificateSerials(transactionId)).containsExactlyInAnyOrder(stored(first.serialNumber()),
				stored(second.serialNumber()));
		assertThat(requestRows(transactionId)).isEqualTo(2);
	}

	@Test
	void whenThereIsNoTransactionIdThenEveryRequestIsIssued() throws Exception {
		String profile = "no-transaction-" + UUID.randomUUID();
		byte[] der = TestCsrs.forKey(RSA_2048, "CN=api-caller").der();
		IssueRequest request = new IssueRequest(Base64.getEncoder().encodeToString(der), profile, "default", null);
		CertificateAuthorityClient client = client();

		String first = client.issue(request).serialNumber();
		String second = client.issue(request).serialNumber();

		assertThat(second).isNotEqualTo(first);
		assertThat(this.jdbc.queryForList("select serial from ca.certificate where profile = ?", String.class, profile))
			.containsExactlyInAnyOrder(stored(first), stored(second));
		assertThat(this.jdbc
			.queryForObject("select count(*) from ca.certificate_request where profile = ? and transaction_id is null "
					+ "and csr_sha256 = ?", Long.class, profile, sha256(der)))
			.isEqualTo(2);
	}

	@Test
	void whenLookingUpAnEarlierIssuanceThenTheUniqueIndexIsUsed() {
		List<String> plan = new TransactionTemplate(this.transactions).execute((status) -> {
			// the test tables are small enough for a sequential scan to look cheaper
			this.jdbcClient.sql("set local enable_seqscan = off").update();
			return this.jdbcClient.sql("explain " + CertificateStore.FIND_ISSUED)
				.param("transactionId", "tx-plan")
				.param("csrSha256", "00")
				.param("renewalOf", "")
				.query(String.class)
				.list();
		});

		assertThat(String.join("\n", plan)).contains(CertificateStore.UNIQUE_REQUEST)
			.contains("ix_certificate_request_id");
	}

	private ResponseEntity<IssuedCertificate> post(IssueRequest request) {
		return this.restClient.build()
			.post()
			.uri("http://127.0.0.1:" + this.port + "/api/v1/certificates")
			.header("Authorization", "Bearer " + CaAdapterTest.SERVICE_TOKEN)
			.body(request)
			.retrieve()
			.toEntity(IssuedCertificate.class);
	}

	private CertificateAuthorityClient client() {
		return ServiceClients.create(this.restClient, "http://127.0.0.1:" + this.port, CaAdapterTest.SERVICE_TOKEN,
				Duration.ofSeconds(60), CertificateAuthorityClient.class);
	}

	private long requestRows(String transactionId) {
		return this.jdbc.queryForObject("select count(*) from ca.certificate_request where transaction_id = ?",
				Long.class, transactionId);
	}

	/** A serial as the API answers it, in the form the table stores. */
	private static String stored(String serial) {
		return SerialNumbers.parse(serial).map(SerialNumbers::key).orElseThrow();
	}

	private List<String> certificateSerials(String transactionId) {
		return this.jdbc.queryForList("select serial from ca.certificate where transaction_id = ?", String.class,
				transactionId);
	}

	private static String sha256(byte[] data) throws NoSuchAlgorithmException {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
	}

	private double replayedCount() {
		return this.meters.counter("keyward.ca.certificates.replayed").count();
	}

}
