package io.keyward.gateway.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's HTTPS listener ({@code keyward.gateway.tls.*}): devices enroll over TLS,
 * so the challenge password inside a PKIOperation is not the only thing keeping an
 * eavesdropper from learning who enrolls (RFC 8894 section 2.2 leaves transport security
 * to the deployment).
 *
 * @param enabled serve HTTPS
 * @param port the HTTPS port (0: any free port)
 * @param httpEnabled also serve plain HTTP on {@code server.port}; when false, HTTPS is
 * the only listener
 * @param bundle the name of an operator-supplied Spring Boot SSL bundle
 * ({@code spring.ssl.bundle.pem.<name>.*} or {@code spring.ssl.bundle.jks.<name>.*});
 * blank: the gateway issues itself a certificate from the built-in CA
 * @param hostNames DNS names and IP addresses the self-issued certificate names; empty:
 * this machine's host name, {@code localhost} and {@code 127.0.0.1}
 * @param renewBefore how long before the self-issued certificate expires it is renewed
 * @param checkInterval how often each gateway looks whether the self-issued certificate
 * is due (or another gateway renewed it), and whether the served one is about to expire
 * @param warnBefore from how long before the served certificate expires each check logs
 * {@code event=certificate_expiring certificate=tls}
 */
@Validated
@ConfigurationProperties("keyward.gateway.tls")
public record TlsProperties(@DefaultValue("true") boolean enabled, @DefaultValue("8443") @Min(0) @Max(65535) int port,
		@DefaultValue("true") boolean httpEnabled, String bundle, @DefaultValue List<String> hostNames,
		@DefaultValue("30d") @NotNull @DurationMin(minutes = 1) Duration renewBefore,
		@DefaultValue("10m") @NotNull @DurationMin(seconds = 1) Duration checkInterval,
		@DefaultValue("14d") @NotNull Duration warnBefore) {

	/** The bundle the gateway registers for its self-issued certificate. */
	public static final String SELF_ISSUED_BUNDLE = "keyward-gateway-self-issued";

	/**
	 * @return whether the gateway issues its own certificate (no operator bundle named)
	 */
	public boolean selfIssued() {
		return this.bundle == null || this.bundle.isBlank();
	}

	/**
	 * @return the SSL bundle the HTTPS listener serves
	 */
	public String bundleName() {
		return selfIssued() ? SELF_ISSUED_BUNDLE : this.bundle.strip();
	}

	/**
	 * @return the names for the self-issued certificate, configured or default, in order
	 * and without repeats
	 */
	public List<String> certificateNames() {
		Set<String> names = new LinkedHashSet<>();
		for (String name : this.hostNames) {
			if (name != null && !name.isBlank()) {
				names.add(name.strip());
			}
		}
		return names.isEmpty() ? defaultNames() : List.copyOf(names);
	}

	/**
	 * @return this machine's host name, {@code localhost} and {@code 127.0.0.1}
	 */
	public static List<String> defaultNames() {
		Set<String> names = new LinkedHashSet<>();
		try {
			names.add(InetAddress.getLocalHost().getHostName());
		}
		catch (UnknownHostException ex) {
			// a machine without a resolvable name still has localhost
		}
		names.add("localhost");
		names.add("127.0.0.1");
		return List.copyOf(names);
	}

}
