package io.keyward.standalone;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suites' ports are chosen before the services bind them. A port from the kernel's
 * ephemeral range ({@code new ServerSocket(0)}) can be taken in between as the local port
 * of an outgoing connection (the services, the database pool, the browser all open many):
 * a CI run failed with "Port 34215 is already in use". Ports below that range are never
 * given to outgoing connections.
 */
class FreePortTests {

	@Test
	void whenPortsAreHandedOutThenEachLiesBelowTheEphemeralRangeAndNoneTwice() throws Exception {
		Set<Integer> ports = new HashSet<>();
		for (int i = 0; i < 200; i++) {
			int port = EnrollmentEndToEndTests.freePort();
			assertThat(port).isBetween(EnrollmentEndToEndTests.FIRST_PORT,
					EnrollmentEndToEndTests.ephemeralStart() - 1);
			assertThat(ports.add(port)).as("port %d handed out twice", port).isTrue();
		}
	}

}
