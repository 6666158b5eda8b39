package io.keyward.admin.profile;

import java.util.List;

import io.keyward.admin.web.ApiProblem;
import io.keyward.admin.web.RemoteCall;
import io.keyward.api.ca.CertificateTemplatePolicy;
import io.keyward.api.challenge.ChallengeProfileSettings;
import io.keyward.api.gateway.ScepProfile;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The "Profiles" page: what an MDM's SCEP profile needs for each enrollment profile (its
 * URLs, what GetCACaps answers, the envelope ciphers, the policy) and the GetCACert CA
 * certificate's fingerprints in the forms MDMs ask for, ready to copy (RFC 8894 sections
 * 3.5.2, 4.2.1). Read-only. Durations and enum names are worded as an admin reads them
 * ({@link PolicyWords}).
 */
@Controller
class ProfilesController {

	private final Profiles profiles;

	ProfilesController(Profiles profiles) {
		this.profiles = profiles;
	}

	@GetMapping("/profiles")
	String page(Model model) {
		RemoteCall<List<ScepProfile>> listed = this.profiles.served().forPage();
		model.addAttribute("profiles", listed.ok() ? listed.value() : List.of());
		model.addAttribute("problem", listed.problem());
		RemoteCall<List<CertificateTemplatePolicy>> templates = this.profiles.templates().forPage();
		model.addAttribute("templates", templates.ok() ? templates.value() : List.of());
		model.addAttribute("templatesProblem", templates.problem());
		RemoteCall<List<ChallengeProfileSettings>> challengeProfiles = this.profiles.challengeSettings().forPage();
		model.addAttribute("challengeProfiles", challengeProfiles.ok() ? challengeProfiles.value() : List.of());
		model.addAttribute("challengeProblem", challengeProfiles.problem());
		model.addAttribute("gateway", this.profiles.gatewayBase());
		model.addAttribute("words", PolicyWords.FOR_PAGES);
		try {
			model.addAttribute("ca", this.profiles.caFingerprints());
		}
		catch (ApiProblem ex) {
			model.addAttribute("caProblem", ex.getMessage());
		}
		return "profiles";
	}

}
