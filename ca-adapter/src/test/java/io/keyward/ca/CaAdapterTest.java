package io.keyward.ca;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.keyward.ca.authority.LowSerialNumbers;
import io.keyward.testsupport.MutableClock;
import io.keyward.testsupport.PostgresTestConfiguration;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The whole ca-adapter on a random port against the shared test PostgreSQL, with a fixed
 * key-encryption key, known caller tokens and a {@link MutableClock}. Every test class
 * uses exactly this, so they share one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.config.name=ca-adapter", "keyward.kek=" + CaAdapterTest.KEK,
		"keyward.edge.callers.tests.tokens=" + CaAdapterTest.SERVICE_TOKEN + ",second-token-for-rotation",
		"keyward.edge.callers.tests.scopes=certificates:issue,ra-certificates:issue,ca:read,"
				+ "revocation-status:read,certificates:read,certificates:lookup,certificates:revoke,ca:rollover",
		"keyward.ca.caller-templates.tests=default,wifi,windows-user",
		"keyward.edge.callers.gateway.tokens=" + CaAdapterTest.GATEWAY_TOKEN,
		"keyward.edge.callers.admin-ui.tokens=" + CaAdapterTest.ADMIN_UI_TOKEN,
		"keyward.edge.callers.challenge-service.tokens=" + CaAdapterTest.CHALLENGE_SERVICE_TOKEN,
		"keyward.ca.templates.wifi.validity=30d", "keyward.data-dir=target/test-data",
		// the tests drive the event relay and the expiry scan themselves
		"keyward.ca.events.interval=1h", "keyward.ca.events.expiry-scan-interval=24h",
		// a Windows sign-in template: strong mapping, fixed organisation, UPNs of
		// one
		// domain only (IdentityBoundIssuanceTests)
		"keyward.ca.templates.windows-user.strong-mapping=true",
		"keyward.ca.templates.windows-user.subject-alt-names=upn",
		"keyward.ca.templates.windows-user.san-patterns.upn=[a-z0-9.]+@corp\\.example",
		"keyward.ca.templates.windows-user.subject-fixed.o=Keyward Tests",
		"keyward.ca.templates.windows-user.subject-attributes=cn,o" })

@Import({ PostgresTestConfiguration.class, MutableClock.Configuration.class, RecordingEventClient.class,
		LowSerialNumbers.class })
public @interface CaAdapterTest {

	/** Base64 of the bytes 0..31. */
	String KEK = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

	/**
	 * A test caller with every scope (the tests drive every endpoint with it); the
	 * gateway's and the admin-ui's tokens have their production scopes (ca-adapter.yml).
	 */
	String SERVICE_TOKEN = "ca-adapter-test-token-0123456789";

	String GATEWAY_TOKEN = "gateway-test-token-0123456789abcdef";

	String ADMIN_UI_TOKEN = "admin-ui-test-token-0123456789abcdef";

	/**
	 * The challenge-service's token: it reads the CA certificate and revokes (for
	 * Intune).
	 */
	String CHALLENGE_SERVICE_TOKEN = "challenge-service-test-token-0123456789abcdef";

}
