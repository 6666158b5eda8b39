package io.keyward.admin.challenge;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.keyward.admin.security.Actor;
import io.keyward.admin.web.ApiProblem;
import io.keyward.admin.web.RemoteCall;
import io.keyward.admin.web.Timestamps;
import io.keyward.api.challenge.ChallengeBinding;
import io.keyward.api.challenge.ChallengeRecord;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The "Challenges" page: mint a one-time challenge by hand as NDES's {@code mscep_admin}
 * page gives one (the password is shown on the next page view only, a flash attribute,
 * with its validity and the CA's thumbprint), the outstanding challenges of each MDM
 * client (never a password), and revoke one.
 */
@Controller
class ChallengesController {

	private final Challenges challenges;

	private final Clock clock;

	ChallengesController(Challenges challenges, Clock clock) {
		this.challenges = challenges;
		this.clock = clock;
	}

	@GetMapping("/challenges")
	String page(Model model) {
		RemoteCall<List<Challenges.Outstanding>> listed = this.challenges.outstanding();
		model.addAttribute("clients",
				listed.ok() ? listed.value().stream().map(ClientChallenges::of).toList() : List.of());
		if (!listed.ok() && !model.containsAttribute("problem")) {
			model.addAttribute("problem", listed.problem());
		}
		return "challenges";
	}

	@PostMapping("/challenges")
	String mint(@RequestParam long client, @RequestParam(required = false) String profile,
			RedirectAttributes redirect) {
		try {
			Challenges.HandMinted minted = this.challenges.mint(client, profile, Actor.current());
			// rounded up: the service truncates the expiry to whole seconds
			long minutes = (Duration.between(this.clock.instant(), minted.minted().expiresAt()).toSeconds() + 59) / 60;
			redirect.addFlashAttribute("minted",
					new MintedView(minted.minted().challenge(), minted.minted().profile(),
							minted.minted().id().toString(), Timestamps.utc(minted.minted().expiresAt()),
							Math.max(minutes, 0), minted.ca().ndesMd5(), minted.ca().sha256(), minted.ca().subject()));
		}
		catch (ApiProblem ex) {
			redirect.addFlashAttribute("problem", ex.getMessage());
		}
		return "redirect:/challenges";
	}

	@PostMapping("/challenges/{id}/revoke")
	String revoke(@PathVariable String id, @RequestParam long client, RedirectAttributes redirect) {
		try {
			this.challenges.revoke(client, id, Actor.current());
			redirect.addFlashAttribute("notice", "Challenge " + id + " revoked: it no longer enrolls a device.");
		}
		catch (ApiProblem ex) {
			redirect.addFlashAttribute("problem", ex.getMessage());
		}
		return "redirect:/challenges";
	}

	/**
	 * A challenge just minted, for the one page view that shows it.
	 */
	record MintedView(String password, String profile, String id, String expiresAt, long validityMinutes,
			String ndesThumbprint, String sha256, String caSubject) {
	}

	/**
	 * One MDM client's section of the page.
	 */
	record ClientChallenges(long id, String name, boolean enabled, List<ChallengeRow> challenges) {

		static ClientChallenges of(Challenges.Outstanding outstanding) {
			return new ClientChallenges(outstanding.client().id(), outstanding.client().name(),
					outstanding.client().enabled(), outstanding.challenges().stream().map(ChallengeRow::of).toList());
		}

	}

	/**
	 * One outstanding challenge, its times in UTC; what it is bound to as text.
	 */
	record ChallengeRow(String id, String profile, String createdAt, String expiresAt, String binding,
			String externalId) {

		static ChallengeRow of(ChallengeRecord challenge) {
			return new ChallengeRow(challenge.id().toString(), challenge.profile(),
					Timestamps.utc(challenge.createdAt()), Timestamps.utc(challenge.expiresAt()),
					binding(challenge.binding()), Objects.toString(challenge.externalId(), ""));
		}

		private static String binding(ChallengeBinding binding) {
			if (binding == null) {
				return "none";
			}
			StringBuilder text = new StringBuilder();
			append(text, "sid", binding.sid());
			append(text, "subject", binding.subject());
			append(text, "subjectPattern", binding.subjectPattern());
			append(text, "SANs",
					(binding.subjectAltNames() != null) ? String.join(" ", binding.subjectAltNames()) : null);
			append(text, "keyUsage", (binding.keyUsage() != null) ? String.join(" ", binding.keyUsage()) : null);
			append(text, "deviceId", binding.deviceId());
			append(text, "template", binding.template());
			return text.isEmpty() ? "none" : text.toString();
		}

		private static void append(StringBuilder text, String name, String value) {
			if (value != null && !value.isBlank()) {
				text.append(text.isEmpty() ? "" : "; ").append(name).append('=').append(value);
			}
		}

	}

}
