package io.keyward.admin.profile;

import java.util.List;

import io.keyward.admin.AdminProperties;
import io.keyward.admin.authority.Authorities;
import io.keyward.admin.authority.CaFingerprints;
import io.keyward.admin.web.ApiProblem;
import io.keyward.admin.web.RemoteCall;
import io.keyward.api.gateway.ScepProfile;
import io.keyward.api.ca.CertificateAuthorityClient;
import io.keyward.api.ca.CertificateTemplatePolicy;
import io.keyward.api.challenge.ChallengeProfileClient;
import io.keyward.api.challenge.ChallengeProfileSettings;
import io.keyward.api.gateway.ScepProfileClient;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The "Profiles" page: what an MDM's SCEP profile needs for each enrollment profile (its
 * URLs, what GetCACaps answers, the envelope ciphers, the policy) and the GetCACert CA
 * certificate's fingerprints in the forms MDMs ask for, ready to copy (RFC 8894 sections
 * 3.5.2, 4.2.1). Read-only.
 */
@Controller
class ProfilesController {

	private final ScepProfileClient profiles;

	private final Authorities authorities;

	private final CertificateAuthorityClient ca;

	private final ChallengeProfileClient challenges;

	private final AdminProperties properties;

	ProfilesController(ScepProfileClient profiles, Authorities authorities, CertificateAuthorityClient ca,
			ChallengeProfileClient challenges, AdminProperties properties) {
		this.profiles = profiles;
		this.authorities = authorities;
		this.ca = ca;
		this.challenges = challenges;
		this.properties = properties;
	}

	@GetMapping("/profiles")
	String page(Model model) {
		RemoteCall<List<ScepProfile>> listed = RemoteCall.of("scep-gateway", this.properties.gatewayUrl(),
				this.properties.hasServiceToken(), this.profiles::profiles);
		model.addAttribute("profiles", listed.ok() ? listed.value() : List.of());
		model.addAttribute("problem", listed.problem());
		// each template's policy: what the ca-adapter issues and accepts (scope
		// templates:read)
		RemoteCall<List<CertificateTemplatePolicy>> templates = RemoteCall.of("ca-adapter", this.properties.caUrl(),
				this.properties.hasServiceToken(), this.ca::templates);
		model.addAttribute("templates", templates.ok() ? templates.value() : List.of());
		model.addAttribute("templatesProblem", templates.problem());
		// each profile's challenge settings (scope challenge-profiles:read)
		RemoteCall<List<ChallengeProfileSettings>> challengeProfiles = RemoteCall.of("challenge-service",
				this.properties.challengeUrl(), this.properties.hasServiceToken(), this.challenges::profiles);
		model.addAttribute("challengeProfiles", challengeProfiles.ok() ? challengeProfiles.value() : List.of());
		model.addAttribute("challengeProblem", challengeProfiles.problem());
		model.addAttribute("gateway", this.properties.gatewayUrl().toString().replaceAll("/+$", ""));
		try {
			List<String> chain = this.authorities.published().chainPem();
			model.addAttribute("ca", chain.isEmpty() ? null : CaFingerprints.of(chain.get(0)));
		}
		catch (ApiProblem ex) {
			model.addAttribute("caProblem", ex.getMessage());
		}
		return "profiles";
	}

}
