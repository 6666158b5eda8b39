package io.keyward.gateway.scep;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import io.keyward.api.SerialNumbers;
import io.keyward.gateway.GatewayProperties;
import io.keyward.gateway.profile.CaCertificateSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * At start, warns once when a {@code CA_ONLY} profile hands out a CA certificate whose
 * keyUsage lacks what RFC 8894 section 2.1.2 asks of a CA certificate a client uses
 * directly: digitalSignature (the CertRep signature) and, for an RSA key, keyEncipherment
 * (the envelope). Strict clients such as certmonger refuse such a CA; a CA created by an
 * earlier Keyward version gains the usages at its next rollover.
 */
@Component
class CaOnlyKeyUsageCheck {

	private static final Logger log = LoggerFactory.getLogger(CaOnlyKeyUsageCheck.class);

	private static final int DIGITAL_SIGNATURE = 0;

	private static final int KEY_ENCIPHERMENT = 2;

	private final GatewayProperties properties;

	private final CaCertificateChain caChain;

	CaOnlyKeyUsageCheck(GatewayProperties properties, CaCertificateChain caChain) {
		this.properties = properties;
		this.caChain = caChain;
	}

	@EventListener(ApplicationReadyEvent.class)
	void onReady() {
		check();
	}

	/**
	 * Logs {@code event=ca_only_ca_key_usage_missing} when a {@code CA_ONLY} profile is
	 * configured and the issuing CA lacks a usage; nothing when the CA cannot be reached.
	 * @return the missing usages, empty when none are missing or no profile is
	 * {@code CA_ONLY}
	 */
	List<String> check() {
		List<String> profiles = this.properties.profiles()
			.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().caCertificates() == CaCertificateSet.CA_ONLY)
			.map((entry) -> entry.getKey())
			.sorted()
			.toList();
		if (profiles.isEmpty()) {
			return List.of();
		}
		X509Certificate ca;
		try {
			ca = this.caChain.certificates().get(0);
		}
		catch (RuntimeException ex) {
			log.debug("event=ca_only_key_usage_unchecked detail=\"{}\"", ex.toString());
			return List.of();
		}
		List<String> missing = missingUsages(ca);
		if (!missing.isEmpty()) {
			log.warn(
					"event=ca_only_ca_key_usage_missing profiles={} missing={} ca_serial={} detail=\"strict SCEP clients"
							+ " such as certmonger refuse this CA (RFC 8894 section 2.1.2); it gains the usages at its"
							+ " next rollover\"",
					String.join(",", profiles), String.join(",", missing), SerialNumbers.hex(ca.getSerialNumber()));
		}
		return missing;
	}

	/**
	 * @param ca a CA certificate
	 * @return the RFC 8894 section 2.1.2 usages its keyUsage extension lacks (none when
	 * it has no keyUsage extension, which allows every usage)
	 */
	static List<String> missingUsages(X509Certificate ca) {
		boolean[] usage = ca.getKeyUsage();
		List<String> missing = new ArrayList<>();
		if (usage == null) {
			return missing;
		}
		if (!usage[DIGITAL_SIGNATURE]) {
			missing.add("digitalSignature");
		}
		if ("RSA".equals(ca.getPublicKey().getAlgorithm()) && !usage[KEY_ENCIPHERMENT]) {
			missing.add("keyEncipherment");
		}
		return missing;
	}

}
