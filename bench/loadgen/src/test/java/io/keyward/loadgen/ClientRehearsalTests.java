package io.keyward.loadgen;

import java.security.KeyPair;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ClientRehearsalTests {

	private static final List<KeyPair> KEYS = DeviceFixtures.keyPool(2, 1024);

	@Test
	void whenRehearsedWithEachCipherAndDigestThenEveryReplyPassesTheClientChecks() {
		for (String[] choice : new String[][] { { "aes128", "sha256" }, { "des3", "sha1" }, { "aes128", "sha512" } }) {
			LoadgenOptions options = LoadgenOptions.parse("--url", "http://127.0.0.1:1/scep", "--cipher", choice[0],
					"--digest", choice[1]);
			assertThatCode(() -> ClientRehearsal.run(requests(3), options, 12)).doesNotThrowAnyException();
		}
	}

	@Test
	void whenTheReplyDoesNotCarryTheDevicesKeyThenTheRehearsalFailsLikeTheExchangeWould() throws Exception {
		Device device = requests(1).get(0).device();
		// the signer certificate (which the rehearsal returns as "issued") is for the
		// other key
		Device mismatched = new Device(0, KEYS.get(1), device.signer(), device.transactionId(), null, device.csr(),
				null);
		List<PreparedRequest> requests = List.of(new PreparedRequest(mismatched, PreparedRequest.nonce(), new byte[1]));
		LoadgenOptions options = LoadgenOptions.parse("--url", "http://127.0.0.1:1/scep");
		assertThatIllegalStateException().isThrownBy(() -> ClientRehearsal.run(requests, options, 1));
	}

	// the stand-in tells requests apart by their bodies; the rehearsal never reads them
	private static List<PreparedRequest> requests(int count) {
		return DeviceFixtures.generate("rehearsal", Collections.nCopies(count, (String) null), 1024, false, KEYS)
			.stream()
			.map((device) -> new PreparedRequest(device, PreparedRequest.nonce(), new byte[] { (byte) device.index() }))
			.toList();
	}

}
