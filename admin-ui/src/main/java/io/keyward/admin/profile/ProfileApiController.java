package io.keyward.admin.profile;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.keyward.admin.authority.CaFingerprints;
import io.keyward.api.ca.CertificateTemplatePolicy;
import io.keyward.api.challenge.ChallengeProfileSettings;
import io.keyward.api.gateway.ScepProfile;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin API over what the Profiles page shows (scope {@code profiles:read}): each
 * enrollment profile with its SCEP URL, GetCACaps, envelope ciphers and policy, its
 * challenge settings and the GetCACert CA certificate's fingerprints in the forms MDMs
 * ask for (RFC 8894 sections 3.5.2, 4.2.1); and each certificate template's policy.
 * Values stay machine values (enum names, ISO-8601 durations); the page words them.
 */
@RestController
class ProfileApiController {

	private final Profiles profiles;

	ProfileApiController(Profiles profiles) {
		this.profiles = profiles;
	}

	@GetMapping("/api/v1/profiles")
	List<ProfileDescription> profiles() {
		List<ScepProfile> served = this.profiles.served().forApi();
		Map<String, ChallengeProfileSettings> challenges = this.profiles.challengeSettings()
			.forApi()
			.stream()
			.collect(Collectors.toMap(ChallengeProfileSettings::name, Function.identity(), (first, second) -> first));
		CaFingerprints ca = this.profiles.requireCaFingerprints();
		String base = this.profiles.gatewayBase();
		return served.stream()
			.map((profile) -> new ProfileDescription(profile.name(), base + profile.scepPath(),
					(profile.ndesPath() != null) ? base + profile.ndesPath() : null, profile,
					challenges.get(profile.name()), ca))
			.toList();
	}

	@GetMapping("/api/v1/templates")
	List<CertificateTemplatePolicy> templates() {
		return this.profiles.templates().forApi();
	}

	/**
	 * One enrollment profile as an MDM's SCEP profile needs it.
	 *
	 * @param name the profile's name
	 * @param scepUrl its SCEP URL as the admin-ui reaches the gateway (devices use the
	 * gateway's public host name)
	 * @param ndesUrl NDES's {@code mscep.dll} URL when the profile is served there too,
	 * else null
	 * @param gateway the gateway's settings: GetCACaps, envelope ciphers, default
	 * template, approval, renewal
	 * @param challenge the challenge-service's settings for it, null when it has none
	 * @param caFingerprints the GetCACert CA certificate's SHA-256, SHA-1 and NDES MD5
	 * fingerprints
	 */
	record ProfileDescription(String name, String scepUrl, String ndesUrl, ScepProfile gateway,
			ChallengeProfileSettings challenge, CaFingerprints caFingerprints) {
	}

}
