package io.keyward.scep;

import java.util.ArrayList;
import java.util.List;

/**
 * The messages robustness tests start from: the real clients' captures (scepclient POST
 * and GET, certmonger GET with AES-256 and DES3) and a PKCSReq of the test device,
 * addressed to the test RA so that mutants reach decryption and the CSR.
 */
final class MutationSeeds {

	static final List<String> GET_QUERIES = List.of("scepclient-pkcsreq-get-query.txt",
			"certmonger-pkcsreq-aes256-get-query.txt", "certmonger-pkcsreq-des3-get-query.txt");

	private MutationSeeds() {
	}

	static List<byte[]> messages() throws MalformedMessageException {
		List<byte[]> seeds = new ArrayList<>();
		seeds.add(Fixtures.bytes("scepclient-pkcsreq-post.der"));
		for (String query : GET_QUERIES) {
			seeds.add(MessageParameter.decode(Fixtures.text(query)));
		}
		seeds.add(PkcsReqFixture.pkcsReq("seed-tx"));
		return seeds;
	}

	static List<String> queries() {
		return GET_QUERIES.stream().map(Fixtures::text).toList();
	}

	/** Decodes with both the fixture RA key and the test RA key, single DES allowed. */
	static PkiMessageDecoder decoder() {
		return new PkiMessageDecoder(List.of(Fixtures.recipientKey(), PkcsReqFixture.pki.recipientKey()),
				ScepAlgorithms.withLegacySingleDes(), PkiMessageDecoder.ALL_REQUESTS);
	}

}
