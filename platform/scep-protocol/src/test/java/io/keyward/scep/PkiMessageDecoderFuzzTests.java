package io.keyward.scep;

import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz targets for the request side of the codec. In the normal build they run in
 * regression mode over the real clients' captured messages under
 * {@code PkiMessageDecoderFuzzTestsInputs/} (a few seconds); {@code JAZZER_FUZZ=1} fuzzes
 * for real (see docs/reliability.md). A finding is any exception other than the two that
 * map to an HTTP 400 or a signed FAILURE.
 */
public class PkiMessageDecoderFuzzTests {

	private static final PkiMessageDecoder decoder = MutationSeeds.decoder();

	private static final CertRepEncoder encoder = Fixtures.encoder(CertRepEncoder.OmittedEnvelope.ABSENT);

	@FuzzTest(maxDuration = "60s")
	void decodeWhenAnyBytesThenRequestOrMalformedMessage(byte[] message) {
		fuzzerTestOneInput(message);
	}

	/**
	 * The entry point of Jazzer's standalone driver ({@code bench/jazzer.sh}): JUnit 6
	 * runs {@code @FuzzTest} in regression mode only, as jazzer-junit 0.30.0's fuzzing
	 * mode needs the JUnit 5 ArgumentsProvider API.
	 * @param message the input
	 */
	public static void fuzzerTestOneInput(byte[] message) {
		try {
			PkiRequest request = decoder.decode(message);
			encoder.encode(CertRep.failure(request, FailInfo.BAD_REQUEST, "fuzz"));
			if (request.ok()) {
				CertificationRequest.parse(request.messageData());
			}
		}
		catch (MalformedMessageException | InvalidRequestException ex) {
			// HTTP 400 or FAILURE badRequest
		}
	}

	@FuzzTest(maxDuration = "30s")
	void messageParameterWhenAnyQueryThenBytesOrMalformedMessage(byte[] query) {
		try {
			MessageParameter.decode(new String(query, StandardCharsets.ISO_8859_1));
		}
		catch (MalformedMessageException ex) {
			// HTTP 400
		}
	}

}
