package io.keyward.challenge.profile;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code keyward.challenge.*}: the challenge profiles and the MDM API bootstrap key.
 *
 * @param bootstrapApiKey the key of the {@code bootstrap} MDM API client created on first
 * start; when blank, a key is generated and shown once
 * @param maxOutstanding how many unexpired, unredeemed challenges a profile may have at
 * once (NDES {@code PasswordMax}); 0 means no limit
 * @param profiles profile name to settings; {@code default} always exists
 * @param retention how long a challenge row is kept after it expired (the audit trail of
 * which transaction redeemed it)
 * @param arrivalGrace how long after it expired a challenge is still accepted for a
 * device request that arrived while it was valid (the gateway retries through an upstream
 * outage; keep it at the gateway's {@code pending-max-age})
 */
@Validated
@ConfigurationProperties("keyward.challenge")
public record ChallengeProperties(@Nullable String bootstrapApiKey,
		@DefaultValue("10000") @PositiveOrZero int maxOutstanding, @DefaultValue Map<String, @Valid Profile> profiles,
		@DefaultValue("30d") @NotNull Duration retention, @DefaultValue("24h") @NotNull Duration arrivalGrace) {

	/** The profile a challenge is minted for when the MDM names none. */
	public static final String DEFAULT_PROFILE = "default";

	private static final Pattern PROFILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

	private static final Pattern KEY_CHARACTERS = Pattern.compile("[\\x21-\\x7e]{32,512}");

	public ChallengeProperties {
		if (arrivalGrace != null && arrivalGrace.isNegative()) {
			throw new IllegalArgumentException("keyward.challenge.arrival-grace must not be negative");
		}
		if (bootstrapApiKey != null && !bootstrapApiKey.isBlank()
				&& !KEY_CHARACTERS.matcher(bootstrapApiKey.strip()).matches()) {
			throw new IllegalArgumentException(
					"keyward.challenge.bootstrap-api-key must be 32 to 512 printable ASCII characters without spaces");
		}
		Map<String, Profile> all = new LinkedHashMap<>();
		all.put(DEFAULT_PROFILE, Profile.DEFAULTS);
		profiles.forEach((name, profile) -> {
			if (!PROFILE_NAME.matcher(name).matches()) {
				throw new IllegalArgumentException("challenge profile name '" + name
						+ "' must be 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit");
			}
			all.put(name, profile);
		});
		profiles = Map.copyOf(all);
	}

	/**
	 * One challenge profile.
	 *
	 * @param template the certificate template a redeemed challenge hands to the gateway
	 * @param validity how long a challenge is accepted after minting (NDES
	 * {@code PasswordValidity}, 60 minutes)
	 * @param maxOutstanding overrides {@code keyward.challenge.max-outstanding} for this
	 * profile when set
	 * @param mode how a request's challenge is judged: {@code one-time} (minted here,
	 * redeemed once), {@code intune} (Intune's SCEP validation API) or {@code webhook}
	 * @param webhook where the {@code webhook} mode asks, required for that mode
	 * @param maxValidity the longest {@code lifetime} an MDM may ask for when it mints
	 * (for devices offline for days); at least {@code validity}
	 * @param passwordLength random bytes per challenge, written as twice as many hex
	 * characters (NDES {@code PasswordLength}, 8 to 32); unset: 8 on the NDES page (16
	 * characters, as NDES), 16 on the JSON API
	 * @param staticChallenge one shared challenge for devices that can hold only one (16
	 * to 255 printable ASCII characters, compared case-insensitively like every
	 * challenge); accepted on this profile as often as it is presented, until removed
	 * from the configuration; unset: none
	 * @param useSinglePassword NDES {@code UseSinglePassword}: every mint in one validity
	 * window answers the same password, reusable by any number of devices until it
	 * expires (between one and two {@code validity} after it is first handed out); it is
	 * derived from the challenge HMAC key, never stored, and cannot be bound
	 */
	public record Profile(@DefaultValue("default") @NotBlank String template,
			@DefaultValue("60m") @NotNull Duration validity, @Nullable @PositiveOrZero Integer maxOutstanding,
			@DefaultValue("one-time") @NotNull ChallengeMode mode, @Nullable @Valid WebhookSettings webhook,
			@DefaultValue("7d") @NotNull Duration maxValidity, @Nullable @Min(8) @Max(32) Integer passwordLength,
			@Nullable String staticChallenge, @DefaultValue("false") boolean useSinglePassword) {

		private static final Pattern STATIC_CHALLENGE = Pattern.compile("[\\x21-\\x7e]{16,255}");

		static final Profile DEFAULTS = new Profile("default", Duration.ofMinutes(60), null, ChallengeMode.ONE_TIME,
				null, Duration.ofDays(7), null, null, false);

		@ConstructorBinding
		public Profile {
			if (validity != null && validity.compareTo(Duration.ofMinutes(1)) < 0) {
				throw new IllegalArgumentException("a challenge profile's validity must be at least one minute");
			}
			if (mode == ChallengeMode.WEBHOOK && webhook == null) {
				throw new IllegalArgumentException(
						"a challenge profile in webhook mode needs webhook.url and webhook.secret");
			}
			if (validity != null && maxValidity != null && maxValidity.compareTo(validity) < 0) {
				throw new IllegalArgumentException("a challenge profile's max-validity must be at least its validity");
			}
			if (staticChallenge != null && !staticChallenge.isBlank()
					&& !STATIC_CHALLENGE.matcher(staticChallenge.strip()).matches()) {
				throw new IllegalArgumentException(
						"a profile's static-challenge must be 16 to 255 printable ASCII characters without spaces");
			}
			if (useSinglePassword && mode != ChallengeMode.ONE_TIME) {
				throw new IllegalArgumentException(
						"use-single-password needs a one-time challenge profile, not " + mode);
			}
		}

		/**
		 * A profile without NDES's single password.
		 */
		public Profile(String template, Duration validity, @Nullable Integer maxOutstanding, ChallengeMode mode,
				@Nullable WebhookSettings webhook, Duration maxValidity, @Nullable Integer passwordLength,
				@Nullable String staticChallenge) {
			this(template, validity, maxOutstanding, mode, webhook, maxValidity, passwordLength, staticChallenge,
					false);
		}

		/**
		 * A one-time profile.
		 */
		public Profile(String template, Duration validity, @Nullable Integer maxOutstanding) {
			this(template, validity, maxOutstanding, ChallengeMode.ONE_TIME, null, Duration.ofDays(7), null, null,
					false);
		}

		/** Nothing of the secret: a record's toString would otherwise print it. */
		@Override
		public String toString() {
			return "Profile[template=" + this.template + ", validity=" + this.validity + ", maxOutstanding="
					+ this.maxOutstanding + ", mode=" + this.mode + ", maxValidity=" + this.maxValidity
					+ ", passwordLength=" + this.passwordLength + ", staticChallenge="
					+ ((this.staticChallenge != null) ? "(set)" : "(none)") + ", useSinglePassword="
					+ this.useSinglePassword + "]";
		}

	}

}
