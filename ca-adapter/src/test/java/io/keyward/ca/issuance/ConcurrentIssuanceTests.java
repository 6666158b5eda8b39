package io.keyward.ca.issuance;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.keyward.api.SerialNumbers;
import io.keyward.api.ca.CertificateAuthorityClient;
import io.keyward.api.ca.IssueRequest;
import io.keyward.edge.caller.ServiceClients;
import io.keyward.ca.CaAdapterTest;
import io.keyward.ca.TestCsrs;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

@CaAdapterTest
class ConcurrentIssuanceTests {

	private static final int THREADS = 16;

	private static final int PER_THREAD = 20;

	@LocalServerPort
	int port;

	@Autowired
	RestClient.Builder restClient;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void whenManyCallersIssueAtOnceThenEverySerialIsDistinctPositiveAndLong() throws Exception {
		CertificateAuthorityClient client = ServiceClients.create(this.restClient, "http://127.0.0.1:" + this.port,
				CaAdapterTest.SERVICE_TOKEN, Duration.ofSeconds(60), CertificateAuthorityClient.class);
		String profile = "concurrency-" + UUID.randomUUID();
		String csr = TestCsrs.forKey(TestCsrs.rsa(2048), "CN=concurrent").base64();
		Set<String> serials = ConcurrentHashMap.newKeySet();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int t = 0; t < THREADS; t++) {
				done.add(pool.submit(() -> {
					start.await();
					for (int i = 0; i < PER_THREAD; i++) {
						serials.add(client.issue(new IssueRequest(csr, profile, "default", null)).serialNumber());
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : done) {
				future.get();
			}
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(serials).hasSize(THREADS * PER_THREAD);
		for (String serial : serials) {
			BigInteger value = new BigInteger(serial, 16);
			assertThat(value.signum()).isPositive();
			assertThat(value.bitLength()).isBetween(64, 127);
		}
		List<String> stored = this.jdbc
			.queryForList("select serial from ca.certificate where profile = ?", String.class, profile)
			.stream()
			.map(SerialNumbers::hex)
			.toList();
		assertThat(stored).hasSize(THREADS * PER_THREAD)
			.doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(serials);
	}

}
