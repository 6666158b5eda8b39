package io.keyward.admin.authority;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.keyward.admin.web.ApiProblem;
import io.keyward.api.ca.AuthorityCertificate;
import io.keyward.api.gateway.RaCertificate;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * CA and RA certificates with the days they have left.
 */
@Controller
class AuthoritiesController {

	private final Authorities authorities;

	private final Clock clock;

	AuthoritiesController(Authorities authorities, Clock clock) {
		this.authorities = authorities;
		this.clock = clock;
	}

	@GetMapping("/authorities")
	String page(Model model) {
		Instant now = this.clock.instant();
		List<AuthorityRow> rows = new ArrayList<>();
		List<String> problems = new ArrayList<>();
		try {
			for (AuthorityCertificate certificate : this.authorities.ca()) {
				rows.add(AuthorityRow.of(certificate, now));
			}
		}
		catch (ApiProblem ex) {
			problems.add(ex.getMessage());
		}
		try {
			for (RaCertificate certificate : this.authorities.ra()) {
				rows.add(AuthorityRow.of(certificate, now));
			}
		}
		catch (ApiProblem ex) {
			problems.add(ex.getMessage());
		}
		model.addAttribute("rows", rows);
		model.addAttribute("problem", problems.isEmpty() ? null : String.join("; ", problems));
		return "authorities";
	}

}
