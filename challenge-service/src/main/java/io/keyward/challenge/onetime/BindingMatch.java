package io.keyward.challenge.onetime;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import org.jspecify.annotations.Nullable;

import io.keyward.api.challenge.ChallengeBinding;
import io.keyward.api.challenge.RedemptionRequest;

/**
 * Whether a redeeming CSR carries what its challenge was bound to, part by part, and if
 * not, which part it missed: the reason recorded on the challenge and answered to the
 * gateway (CertRep FAILURE badRequest, RFC 8894 section 3.3.2.2). Values the device chose
 * are cut short in the reason, which the MDM reads back.
 */
final class BindingMatch {

	/** {@code serialNumber} (2.5.4.5) as Bouncy Castle, RFC 4519 and an OID write it. */
	private static final List<String> SERIAL_NUMBER = List.of("serialNumber", "2.5.4.5", "OID.2.5.4.5");

	private BindingMatch() {
	}

	/**
	 * @return why the request does not match, empty when it does (or nothing is bound)
	 */
	static Optional<String> mismatch(@Nullable ChallengeBinding binding, RedemptionRequest request) {
		if (binding == null) {
			return Optional.empty();
		}
		String subject = (request.subject() != null) ? request.subject() : "";
		List<String> sans = (request.subjectAltNames() != null) ? request.subjectAltNames() : List.of();
		if (binding.subject() != null && !sameName(binding.subject(), subject)) {
			return Optional.of("subject '" + cut(subject) + "' is not the bound subject");
		}
		if (binding.subjectPattern() != null && !Pattern.compile(binding.subjectPattern()).matcher(subject).matches()) {
			return Optional.of("subject '" + cut(subject) + "' does not match the bound subject pattern");
		}
		if (binding.subjectAltNames() != null && !sameSet(binding.subjectAltNames(), sans)) {
			return Optional.of("subjectAltNames " + cut(String.valueOf(sans)) + " are not the bound ones");
		}
		if (binding.keyUsage() != null
				&& (request.keyUsage() == null || !sameSet(binding.keyUsage(), request.keyUsage()))) {
			return Optional.of("keyUsage " + cut(String.valueOf(request.keyUsage())) + " is not the bound one");
		}
		if (binding.deviceId() != null && !carriesDevice(binding.deviceId(), subject, sans)) {
			return Optional.of("the CSR does not carry the bound device identifier");
		}
		return Optional.empty();
	}

	/** RFC 4514 names compared RDN by RDN, types and values case-insensitively. */
	private static boolean sameName(String bound, String subject) {
		try {
			return new LdapName(bound).equals(new LdapName(subject));
		}
		catch (InvalidNameException | IllegalArgumentException ex) {
			return false;
		}
	}

	private static boolean sameSet(List<String> bound, List<String> requested) {
		return new HashSet<>(bound).equals(new HashSet<>(requested));
	}

	private static boolean carriesDevice(String deviceId, String subject, List<String> sans) {
		if (sans.contains("uri:" + deviceId)) {
			return true;
		}
		try {
			for (Rdn rdn : new LdapName(subject).getRdns()) {
				if (SERIAL_NUMBER.stream().anyMatch(rdn.getType()::equalsIgnoreCase)
						&& deviceId.equals(String.valueOf(rdn.getValue()))) {
					return true;
				}
			}
		}
		catch (InvalidNameException | IllegalArgumentException ex) {
			return false;
		}
		return false;
	}

	private static String cut(String value) {
		return (value.length() > 200) ? value.substring(0, 200) + "..." : value;
	}

}
