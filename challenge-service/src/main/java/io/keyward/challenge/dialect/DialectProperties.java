package io.keyward.challenge.dialect;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code keyward.challenge.dialects.*}: which challenge profile each MDM dialect mints
 * for, and the realm its HTTP Basic challenge names (RFC 7617 section 2).
 *
 * @param realm the {@code realm} of {@code WWW-Authenticate: Basic}
 * @param ndesProfile the profile the {@code mscep_admin} page mints for
 * @param micromdmProfile the profile {@code GET /challenge} mints for
 * @param jamfProfile the profile Jamf Pro's {@code SCEPChallenge} webhook mints for
 */
@Validated
@ConfigurationProperties("keyward.challenge.dialects")
public record DialectProperties(
		@DefaultValue("Keyward") @NotBlank @Pattern(regexp = "[\\x20-\\x7e&&[^\"\\\\]]{1,100}") String realm,
		@DefaultValue("default") @NotBlank String ndesProfile,
		@DefaultValue("default") @NotBlank String micromdmProfile,
		@DefaultValue("default") @NotBlank String jamfProfile) {

	/** The {@code WWW-Authenticate} value of a 401. */
	public String basicChallenge() {
		return "Basic realm=\"" + this.realm + "\"";
	}

}
