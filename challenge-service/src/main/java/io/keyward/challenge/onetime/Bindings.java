package io.keyward.challenge.onetime;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;

import org.jspecify.annotations.Nullable;

import io.keyward.api.challenge.ChallengeBinding;

/**
 * Checks what an MDM binds a challenge to, each part by its own rule, and answers a
 * malformed part with a 400 naming it. The SID is what a domain controller maps the
 * certificate to an account by (KB5014754), so only a well-formed one is kept; an empty
 * binding (or empty lists) is no binding.
 */
final class Bindings {

	private static final Pattern SID = Pattern.compile(ChallengeBinding.SID_PATTERN);

	private static final Pattern SAN = Pattern.compile("(dns|email|uri|upn|ip):[^\\p{Cntrl}]{1,500}");

	private static final Pattern TEMPLATE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

	private static final Pattern TEXT = Pattern.compile("[^\\p{Cntrl}]{1,200}");

	/** RFC 5280 section 4.2.1.3, in bit order. */
	static final List<String> KEY_USAGES = List.of("digitalSignature", "nonRepudiation", "keyEncipherment",
			"dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly");

	private static final int MAX_SANS = 20;

	private Bindings() {
	}

	/**
	 * @return the binding to store, null when nothing is bound
	 * @throws InvalidBindingException naming the part that is malformed
	 */
	static @Nullable ChallengeBinding checked(@Nullable ChallengeBinding binding) {
		if (binding == null) {
			return null;
		}
		String sid = blankToNull(binding.sid());
		if (sid != null && !SID.matcher(sid).matches()) {
			throw new InvalidBindingException(
					"binding.sid must be a Windows security identifier such as S-1-5-21-1004336348-1177238915-682003330-512");
		}
		ChallengeBinding checked = new ChallengeBinding(sid, subject(blankToNull(binding.subject())),
				pattern(blankToNull(binding.subjectPattern())), sans(binding.subjectAltNames()),
				keyUsage(binding.keyUsage()),
				text(blankToNull(binding.deviceId()), "binding.deviceId must be 1 to 200 characters without controls"),
				template(blankToNull(binding.template())));
		return isEmpty(checked) ? null : checked;
	}

	/**
	 * Whether a redemption must look at the CSR: any part other than the SID is bound.
	 */
	static boolean constrainsCsr(@Nullable ChallengeBinding binding) {
		return binding != null && (binding.subject() != null || binding.subjectPattern() != null
				|| binding.subjectAltNames() != null || binding.keyUsage() != null || binding.deviceId() != null);
	}

	/** For log lines: which parts are bound, never their values. */
	static String describe(@Nullable ChallengeBinding binding) {
		if (binding == null) {
			return "none";
		}
		List<String> parts = new ArrayList<>();
		addIf(parts, binding.sid(), "sid");
		addIf(parts, binding.subject(), "subject");
		addIf(parts, binding.subjectPattern(), "subjectPattern");
		addIf(parts, binding.subjectAltNames(), "subjectAltNames");
		addIf(parts, binding.keyUsage(), "keyUsage");
		addIf(parts, binding.deviceId(), "deviceId");
		addIf(parts, binding.template(), "template");
		return parts.isEmpty() ? "none" : String.join(",", parts);
	}

	/**
	 * A free-form text the MDM chose (the external id, the device id).
	 * @throws InvalidBindingException with the message when it is not 1 to 200 characters
	 * without controls
	 */
	static @Nullable String text(@Nullable String value, String message) {
		if (value != null && !TEXT.matcher(value).matches()) {
			throw new InvalidBindingException(message);
		}
		return value;
	}

	private static @Nullable String subject(@Nullable String subject) {
		if (subject == null) {
			return null;
		}
		try {
			if (subject.length() <= 1024 && !new LdapName(subject).isEmpty()) {
				return subject;
			}
		}
		catch (InvalidNameException | IllegalArgumentException ex) {
			// said below
		}
		throw new InvalidBindingException("binding.subject must be an RFC 4514 distinguished name such as "
				+ "CN=device-1,O=Example of at most 1024 characters");
	}

	private static @Nullable String pattern(@Nullable String pattern) {
		if (pattern == null) {
			return null;
		}
		try {
			if (pattern.length() <= 500) {
				Pattern.compile(pattern);
				return pattern;
			}
		}
		catch (PatternSyntaxException ex) {
			// said below
		}
		throw new InvalidBindingException(
				"binding.subjectPattern must be a Java regular expression of at most 500 characters");
	}

	private static @Nullable List<String> sans(@Nullable List<String> sans) {
		if (sans == null || sans.isEmpty()) {
			return null;
		}
		Set<String> checked = new LinkedHashSet<>();
		for (String san : sans) {
			int colon = (san != null) ? san.indexOf(':') : -1;
			String normalized = (colon > 0) ? san.substring(0, colon).toLowerCase(Locale.ROOT) + san.substring(colon)
					: "";
			if (!SAN.matcher(normalized).matches() || checked.size() >= MAX_SANS) {
				throw new InvalidBindingException("binding.subjectAltNames must be at most " + MAX_SANS
						+ " entries type:value with type dns, email, uri, upn or ip");
			}
			checked.add(normalized);
		}
		return List.copyOf(checked);
	}

	private static @Nullable List<String> keyUsage(@Nullable List<String> usages) {
		if (usages == null || usages.isEmpty()) {
			return null;
		}
		if (!KEY_USAGES.containsAll(usages)) {
			throw new InvalidBindingException("binding.keyUsage must name RFC 5280 key usages: " + KEY_USAGES);
		}
		return List.copyOf(new LinkedHashSet<>(usages));
	}

	private static @Nullable String template(@Nullable String template) {
		if (template != null && !TEMPLATE.matcher(template).matches()) {
			throw new InvalidBindingException(
					"binding.template must be a template name: 1 to 100 letters, digits, '.', '_' or '-'");
		}
		return template;
	}

	private static boolean isEmpty(ChallengeBinding binding) {
		return "none".equals(describe(binding));
	}

	private static void addIf(List<String> parts, @Nullable Object value, String name) {
		if (value != null) {
			parts.add(name);
		}
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
