package io.keyward.admin.challenge;

import java.util.List;

import io.keyward.admin.AdminProperties;
import io.keyward.admin.certificate.SortLinks;
import io.keyward.admin.web.ApiProblem;
import io.keyward.admin.web.KeysetCsv;
import io.keyward.admin.web.RemoteCall;
import io.keyward.api.challenge.ChallengePage;
import io.keyward.api.challenge.ChallengeRecord;
import io.keyward.api.challenge.MdmClient;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The outstanding challenges on the Challenges page, one MDM client at a time (a select),
 * filtered by profile (a select of the challenge-service's profiles), sorted by minted or
 * expiry time either way and paged by the challenge-service's keyset in SQL; and the same
 * list as CSV ({@code /challenges.csv}: id, client, profile, minted, expires, state;
 * never a password or its hash). A parameter the page cannot read is a sentence on the
 * page, not an error page.
 */
@Controller
class ChallengeListController {

	static final String PATH = "/challenges";

	static final String CSV = "/challenges.csv";

	private static final int BATCH = 500;

	private final Challenges challenges;

	private final AdminProperties properties;

	ChallengeListController(Challenges challenges, AdminProperties properties) {
		this.challenges = challenges;
		this.properties = properties;
	}

	@GetMapping(PATH)
	String page(@RequestParam(required = false) String client, @RequestParam(required = false) String profile,
			@RequestParam(required = false) String sort, @RequestParam(required = false) String after, Model model) {
		RemoteCall<List<MdmClient>> clients = this.challenges.clients();
		List<MdmClient> known = clients.ok() ? clients.value() : List.of();
		ChallengeFilter filter = ChallengeFilter.NONE;
		List<ChallengeRow> rows = List.of();
		String next = null;
		String problem = clients.problem();
		try {
			// the service down: say so, not that the client asked for is unknown
			filter = clients.ok() ? ChallengeFilter.of(client, profile, sort, after, known) : filter;
			if (filter.client() != null) {
				ChallengePage page = this.challenges.outstanding(filter.client().id(), filter.profile(), filter.sort(),
						(after != null && !after.isBlank()) ? after.strip() : null, this.properties.pageSize());
				rows = page.items().stream().map(ChallengeRow::of).toList();
				next = (page.next() != null) ? filter.link(PATH).queryParam("after", page.next()).encode().toUriString()
						: null;
			}
		}
		catch (ApiProblem ex) {
			problem = ex.getMessage();
		}
		ChallengeFilter shown = filter;
		if (!model.containsAttribute("problem")) {
			model.addAttribute("problem", problem);
		}
		model.addAttribute("clients", known);
		model.addAttribute("profiles", clients.ok() ? this.challenges.profileNames() : List.of());
		model.addAttribute("filter", shown);
		model.addAttribute("chosenClient", (shown.client() != null) ? shown.client().id() : null);
		model.addAttribute("chosenProfile", (shown.profile() != null) ? shown.profile() : "");
		model.addAttribute("rows", rows);
		model.addAttribute("next", next);
		model.addAttribute("firstPage", after == null || after.isBlank());
		model.addAttribute("first", shown.link(PATH).encode().toUriString());
		model.addAttribute("csv", shown.link(CSV).encode().toUriString());
		model.addAttribute("orders", SortLinks.challenges(shown.sort(),
				(column) -> shown.filters(PATH).queryParam("sort", column).encode().toUriString()));
		return "challenges";
	}

	/**
	 * @throws ApiProblem 400 for a parameter that cannot be right (read before the
	 * download starts)
	 */
	@GetMapping(CSV)
	ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) String client,
			@RequestParam(required = false) String profile, @RequestParam(required = false) String sort) {
		RemoteCall<List<MdmClient>> clients = this.challenges.clients();
		if (!clients.ok()) {
			throw new ApiProblem(HttpStatus.BAD_GATEWAY, clients.problem());
		}
		ChallengeFilter filter = ChallengeFilter.of(client, profile, sort, null, clients.value());
		if (filter.client() == null) {
			throw new ApiProblem(HttpStatus.NOT_FOUND, "No MDM client: nothing to export.");
		}
		MdmClient listed = filter.client();
		return KeysetCsv.of("keyward-challenges.csv", List.of("id", "client", "profile", "minted", "expires", "state"),
				batch(filter, null), (after) -> batch(filter, after),
				(ChallengeRecord challenge) -> List.of(challenge.id().toString(), listed.name(), challenge.profile(),
						String.valueOf(challenge.createdAt()), String.valueOf(challenge.expiresAt()),
						challenge.state()));
	}

	private KeysetCsv.Page<ChallengeRecord> batch(ChallengeFilter filter, String after) {
		ChallengePage page = this.challenges.outstanding(filter.client().id(), filter.profile(), filter.sort(), after,
				BATCH);
		return new KeysetCsv.Page<>(page.items(), (page.next() != null) ? page.next().toString() : null);
	}

}
