package io.keyward.gateway.scep;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import io.keyward.gateway.AbstractGatewayTests;
import io.keyward.gateway.FakeUpstreams;
import io.keyward.gateway.TestDevice;
import io.keyward.scep.FailInfo;
import io.keyward.scep.MessageParameter;
import io.keyward.scep.PkiStatus;
import io.keyward.scep.client.CertRepResponse;
import io.keyward.scep.fuzz.PkiMessageMutator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded mutations of real pkiMessages (the captured scepclient and certmonger requests,
 * and PKCSReq and CertPoll messages addressed to this gateway's RA with a good challenge)
 * sent over HTTP, by POST and by GET: every answer is a CertRep (200) or a short HTTP
 * 4xx, never a 5xx, and no transaction is left half written.
 */
class MutatedMessageTests extends AbstractGatewayTests {

	private static final int POSTS = 1_200;

	private static final int GETS = 400;

	@Test
	void whenRealMessagesAreMutatedThenNo5xxAndNoHalfWrittenTransaction() throws Exception {
		OffsetDateTime started = this.jdbc.queryForObject("select now()", OffsetDateTime.class);
		List<byte[]> seeds = seeds();
		PkiMessageMutator mutator = new PkiMessageMutator(new SplittableRandom(12L));
		Map<Integer, Integer> statuses = new TreeMap<>();
		List<String> serverErrors = new ArrayList<>();
		for (int i = 0; i < POSTS + GETS; i++) {
			PkiMessageMutator.Mutant mutant = mutator.mutate(seeds.get(i % seeds.size()));
			HttpResponse<byte[]> response = (i < POSTS) ? post("/scep/default?operation=PKIOperation", mutant.bytes())
					: get("/certsrv/mscep/mscep.dll/pkiclient.exe?operation=PKIOperation&message="
							+ base64(mutant.bytes()));
			statuses.merge(response.statusCode(), 1, Integer::sum);
			if (response.statusCode() >= 500) {
				serverErrors.add("mutant " + i + " (" + mutant.mutation() + "): " + response.statusCode() + " "
						+ new String(response.body(), StandardCharsets.US_ASCII).strip());
			}
		}
		assertThat(serverErrors).as("answers with 5xx, of %s", statuses).isEmpty();
		assertThat(statuses).containsKeys(200, 400);
		assertThat(this.jdbc.queryForObject("select count(*) from gateway.transaction where created_at >= ? and not ("
				+ "(status = 'ISSUED' and certificate is not null and certificate_serial is not null) "
				+ "or (status = 'FAILED' and fail_info is not null)) ", Integer.class, started))
			.as("transactions left open or half written")
			.isZero();
	}

	@Test
	void whenTransactionIdHoldsNulThenFailureBadRequestAndNothingRecorded() throws Exception {
		TestDevice device = new TestDevice("nul-transaction");
		String transactionId = "TX\u0000" + TestDevice.newTransactionId();
		CertRepResponse answer = device.read(pkiOperation("/scep/default",
				device.pkcsReq(device.csr(FakeUpstreams.GOOD_CHALLENGE), ra().encryptionCertificate(), transactionId)),
				ra().signingCertificate());
		assertThat(answer.status()).isEqualTo(PkiStatus.FAILURE);
		assertThat(answer.failInfo()).isEqualTo(FailInfo.BAD_REQUEST);
	}

	@Test
	void whenSubjectHoldsNulThenFailureBadRequestAndNothingRecorded() throws Exception {
		// the null-prefix trick: "CN=www.example.com\0.attacker.net"
		TestDevice device = new TestDevice("device\u0000.attacker.net");
		String transactionId = TestDevice.newTransactionId();
		CertRepResponse answer = enroll(device, "/scep/default", transactionId);
		assertThat(answer.status()).isEqualTo(PkiStatus.FAILURE);
		assertThat(answer.failInfo()).isEqualTo(FailInfo.BAD_REQUEST);
		assertThat(rowsFor(transactionId)).isZero();
	}

	private List<byte[]> seeds() throws Exception {
		List<byte[]> seeds = new ArrayList<>();
		seeds.add(fixture("scepclient-pkcsreq-post.der"));
		for (String query : List.of("scepclient-pkcsreq-get-query.txt", "certmonger-pkcsreq-aes256-get-query.txt",
				"certmonger-pkcsreq-des3-get-query.txt")) {
			seeds.add(MessageParameter.decode(new String(fixture(query), StandardCharsets.US_ASCII)));
		}
		TestDevice device = new TestDevice("mutant");
		String transactionId = TestDevice.newTransactionId();
		seeds
			.add(device.pkcsReq(device.csr(FakeUpstreams.GOOD_CHALLENGE), ra().encryptionCertificate(), transactionId));
		seeds.add(device.certPoll(upstreams.ca.certificate(), ra().encryptionCertificate(), transactionId));
		return seeds;
	}

	private static byte[] fixture(String name) throws IOException {
		try (InputStream in = MutatedMessageTests.class.getResourceAsStream("/fixtures/" + name)) {
			assertThat(in).as(name).isNotNull();
			return in.readAllBytes();
		}
	}

}
