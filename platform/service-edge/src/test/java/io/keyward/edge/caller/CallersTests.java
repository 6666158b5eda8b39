package io.keyward.edge.caller;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CallersTests {

	private static final String GATEWAY = "gateway-token-0123456789abcdef";

	private static final String GATEWAY_NEXT = "gateway-next-token-0123456789ab";

	private static final String ADMIN = "admin-ui-token-0123456789abcdef";

	@Test
	void whenATokenIsPresentedThenItsCallerWithOnlyItsScopes() {
		Callers callers = Callers.of(new CallerProperties(Map.of("gateway",
				new CallerProperties.Caller(List.of(GATEWAY, GATEWAY_NEXT), List.of("certificates:issue")), "admin-ui",
				new CallerProperties.Caller(List.of(ADMIN), List.of("certificates:read", "certificates:revoke")))));

		Authentication gateway = callers.authenticate(GATEWAY_NEXT);
		assertThat(gateway.getName()).isEqualTo("gateway");
		assertThat(gateway.getAuthorities()).map(GrantedAuthority::getAuthority)
			.containsExactly("SCOPE_certificates:issue");
		assertThat(callers.authenticate(ADMIN).getAuthorities()).map(GrantedAuthority::getAuthority)
			.containsExactlyInAnyOrder("SCOPE_certificates:read", "SCOPE_certificates:revoke");
		assertThat(callers.authenticate(GATEWAY + "x")).isNull();
		assertThat(callers.authenticate("")).isNull();
		assertThat(callers.authenticate(null)).isNull();
	}

	@Test
	void whenACallerHasNoTokenThenItIsNotAcceptedAndWithNoneAtAllTheEdgeRefusesToGuardAnApi() {
		Callers callers = Callers.of(new CallerProperties(
				Map.of("admin-ui", new CallerProperties.Caller(List.of("", " "), List.of("certificates:read")))));

		assertThat(callers.isEmpty()).isTrue();
		assertThatExceptionOfType(CallerCredentialsInvalid.class)
			.isThrownBy(() -> new ServiceEdge(callers).callerApi(null, "/api/**"))
			.withMessage("no internal caller has a token: set keyward.edge.callers.<caller>.tokens for /api/**");
	}

	@Test
	void whenATokenIsShortOrSharedByTwoCallersThenRefused() {
		assertThatExceptionOfType(CallerCredentialsInvalid.class)
			.isThrownBy(() -> Callers
				.of(new CallerProperties(Map.of("gateway", new CallerProperties.Caller(List.of("short"), List.of())))))
			.withMessageContaining("shorter than 16 characters");
		assertThatExceptionOfType(CallerCredentialsInvalid.class)
			.isThrownBy(() -> Callers
				.of(new CallerProperties(Map.of("gateway", new CallerProperties.Caller(List.of(GATEWAY), List.of()),
						"admin-ui", new CallerProperties.Caller(List.of(GATEWAY), List.of())))))
			.withMessageContaining("share a token");
	}

}
