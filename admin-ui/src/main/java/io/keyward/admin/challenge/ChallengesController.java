package io.keyward.admin.challenge;

import java.time.Clock;
import java.time.Duration;

import io.keyward.admin.security.Actor;
import io.keyward.admin.web.ApiProblem;
import io.keyward.admin.web.Timestamps;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The "Challenges" page: mint a one-time challenge by hand as NDES's {@code mscep_admin}
 * page gives one (the password is shown on the next page view only, a flash attribute,
 * with its validity and the CA's thumbprint) and revoke one; the list itself is
 * {@link ChallengeListController}'s.
 */
@Controller
class ChallengesController {

	private final Challenges challenges;

	private final Clock clock;

	ChallengesController(Challenges challenges, Clock clock) {
		this.challenges = challenges;
		this.clock = clock;
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
		return "redirect:/challenges?client=" + client;
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
		return "redirect:/challenges?client=" + client;
	}

	/**
	 * A challenge just minted, for the one page view that shows it.
	 */
	record MintedView(String password, String profile, String id, String expiresAt, long validityMinutes,
			String ndesThumbprint, String sha256, String caSubject) {
	}

}
