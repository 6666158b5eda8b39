package io.keyward.scep;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.keyward.scep.fuzz.PkiMessageMutator;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded mutations of real messages (bit flips, insertions, deletions, truncations,
 * tampered ASN.1 lengths and tags, swapped and odd attribute values): the codec answers
 * every one with {@link MalformedMessageException} (HTTP 400), a failInfo (a signed
 * FAILURE), or a request, and never with another exception (a 500).
 */
class PkiMessageRobustnessTests {

	private static final int MUTANTS = 3_000;

	private final PkiMessageDecoder decoder = MutationSeeds.decoder();

	private final CertRepEncoder encoder = Fixtures.encoder(CertRepEncoder.OmittedEnvelope.ABSENT);

	@Test
	void whenRealMessagesAreMutatedThenDecodeThrowsNothingButMalformedMessage() throws Exception {
		List<byte[]> seeds = MutationSeeds.messages();
		PkiMessageMutator mutator = new PkiMessageMutator(new SplittableRandom(20261205L));
		List<String> escaped = new ArrayList<>();
		int requests = 0;
		for (int i = 0; i < MUTANTS; i++) {
			PkiMessageMutator.Mutant mutant = mutator.mutate(seeds.get(i % seeds.size()));
			try {
				PkiRequest request = this.decoder.decode(mutant.bytes());
				requests++;
				assertThat(request.ok()).isEqualTo(request.messageData() != null);
				// every decoded request can be answered
				this.encoder.encode(CertRep.failure(request, FailInfo.BAD_REQUEST, "mutant"));
				if (request.ok()) {
					parseCsr(request.messageData());
				}
			}
			catch (MalformedMessageException ex) {
				// HTTP 400
			}
			catch (RuntimeException ex) {
				escaped.add("mutant " + i + " (" + mutant.mutation() + "): " + ex);
			}
		}
		assertThat(escaped).isEmpty();
		assertThat(requests).as("mutants that still decode to a request").isPositive();
	}

	@Test
	void whenGetQueriesAreMutatedThenMessageParameterThrowsNothingButMalformedMessage() {
		List<String> seeds = MutationSeeds.queries();
		PkiMessageMutator mutator = new PkiMessageMutator(new SplittableRandom(8894L));
		List<String> escaped = new ArrayList<>();
		for (int i = 0; i < MUTANTS; i++) {
			byte[] query = seeds.get(i % seeds.size()).getBytes(StandardCharsets.ISO_8859_1);
			String mutant = new String(mutator.mutate(query).bytes(), StandardCharsets.ISO_8859_1);
			try {
				this.decoder.decode(MessageParameter.decode(mutant));
			}
			catch (MalformedMessageException ex) {
				// HTTP 400
			}
			catch (RuntimeException ex) {
				escaped.add("query mutant " + i + ": " + ex);
			}
		}
		assertThat(escaped).isEmpty();
	}

	@Test
	void whenCsrContentIsMutatedAndReSignedThenParseThrowsNothingButInvalidRequest() throws Exception {
		PKCS10CertificationRequest csr = PkcsReqFixture.client.csr();
		byte[] info = csr.toASN1Structure().getCertificationRequestInfo().getEncoded(ASN1Encoding.DER);
		PkiMessageMutator mutator = new PkiMessageMutator(new SplittableRandom(2986L));
		List<String> escaped = new ArrayList<>();
		int parsed = 0;
		for (int i = 0; i < MUTANTS; i++) {
			byte[] mutant = signed(mutator.mutate(info).bytes(), csr);
			try {
				parseCsr(mutant);
				parsed++;
			}
			catch (InvalidRequestException ex) {
				// FAILURE badRequest
			}
			catch (RuntimeException ex) {
				escaped.add("CSR mutant " + i + ": " + ex);
			}
		}
		assertThat(escaped).isEmpty();
		assertThat(parsed).as("mutated CSRs that still parse").isPositive();
	}

	private static void parseCsr(byte[] der) throws InvalidRequestException {
		CertificationRequest request = CertificationRequest.parse(der);
		request.challengePassword();
		request.subject();
		request.subjectAltNames();
		request.publicKeySha256Hex();
	}

	/** A CertificationRequest around any info bytes, validly signed by the test key. */
	private static byte[] signed(byte[] info, PKCS10CertificationRequest original) throws Exception {
		Signature signature = Signature.getInstance("SHA256withRSA");
		signature.initSign(PkcsReqFixture.client.keys().getPrivate());
		signature.update(info);
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(info);
		body.writeBytes(original.getSignatureAlgorithm().getEncoded(ASN1Encoding.DER));
		body.writeBytes(new DERBitString(signature.sign()).getEncoded(ASN1Encoding.DER));
		ByteArrayOutputStream der = new ByteArrayOutputStream();
		der.write(0x30);
		int length = body.size();
		der.write(0x82);
		der.write(length >>> 8);
		der.write(length & 0xFF);
		der.writeBytes(body.toByteArray());
		return der.toByteArray();
	}

}
