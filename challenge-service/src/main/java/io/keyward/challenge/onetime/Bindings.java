package io.keyward.challenge.onetime;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.keyward.api.challenge.ChallengeBinding;

/**
 * Checks what an MDM binds a challenge to. The SID is what a domain controller maps the
 * certificate to an account by (KB5014754), so only a well-formed one is kept; an empty
 * binding is no binding.
 */
final class Bindings {

	private static final Pattern SID = Pattern.compile(ChallengeBinding.SID_PATTERN);

	private Bindings() {
	}

	/**
	 * @return the binding to store, null when nothing is bound
	 * @throws InvalidBindingException when the SID is not one
	 */
	static @Nullable ChallengeBinding checked(@Nullable ChallengeBinding binding) {
		if (binding == null || binding.sid() == null) {
			return null;
		}
		if (!SID.matcher(binding.sid()).matches()) {
			throw new InvalidBindingException(
					"binding.sid must be a Windows security identifier such as S-1-5-21-1004336348-1177238915-682003330-512");
		}
		return binding;
	}

	/** For log lines: which parts are bound, never their values. */
	static String describe(@Nullable ChallengeBinding binding) {
		return (binding != null && binding.sid() != null) ? "sid" : "none";
	}

}
