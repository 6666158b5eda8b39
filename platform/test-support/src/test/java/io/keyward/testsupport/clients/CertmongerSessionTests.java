package io.keyward.testsupport.clients;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The private session bus must never start a certmonger of its own. Debian's certmonger
 * ships a session-bus activation file
 * ({@code /usr/share/dbus-1/services/certmonger.service}, {@code certmonger-session}); on
 * a bus that reads the standard service directories, a {@code getcert} call made before
 * the session's daemon owns its name activates a second certmonger outside the daemon's
 * mount namespace, which does not trust the added CA. That race made certmonger's curl
 * refuse the gateway's TLS certificate (Error 60) in about one run in six (closing notes
 * of sessions 7 and 8).
 */
class CertmongerSessionTests {

	@Test
	void whenNoDaemonOwnsTheNameThenGetcertOnTheSessionBusActivatesNone(@TempDir Path home) throws Exception {
		Map<String, String> environment = CertmongerSession.environment(home);
		Process bus = CertmongerSession.startBus(home, environment);
		try {
			ExternalCommand.Result listed = ExternalCommand.run(List.of("/usr/bin/getcert", "list-cas", "-s"),
					environment, home, 30);

			assertThat(listed.exitCode()).as(listed.output()).isNotZero();
			assertThat(Files.list(home.resolve("cas")).toList()).as("no certmonger wrote its CA list").isEmpty();
		}
		finally {
			bus.destroy();
			bus.waitFor(10, TimeUnit.SECONDS);
		}
	}

}
