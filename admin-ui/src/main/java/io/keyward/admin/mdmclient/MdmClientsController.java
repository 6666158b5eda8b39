package io.keyward.admin.mdmclient;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import io.keyward.admin.security.Actor;
import io.keyward.admin.web.ApiProblem;
import io.keyward.admin.web.CsvDownload;
import io.keyward.admin.web.ListView;
import io.keyward.admin.web.RemoteCall;
import io.keyward.admin.web.Timestamps;
import io.keyward.api.challenge.MdmClient;
import io.keyward.api.challenge.NewMdmClient;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The "MDM clients" page: list the MDM API clients with their keys and last use, create
 * one, add or revoke a key, disable a client. A new key is shown on the next page view
 * only (a flash attribute, one redirect), never again.
 */
@Controller
class MdmClientsController {

	private final MdmClients clients;

	MdmClientsController(MdmClients clients) {
		this.clients = clients;
	}

	/** Sortable columns: name, created, state; filters: text, state, profile. */
	private static final ListView<ClientRow> LIST = ListView.<ClientRow>at("/mdm-clients")
		.column("name", Comparator.comparing(ClientRow::name))
		.column("created", Comparator.comparing(ClientRow::createdAt).thenComparing(ClientRow::name))
		.column("state", Comparator.comparing(ClientRow::status).thenComparing(ClientRow::name))
		.select("state", (row) -> List.of(row.status()))
		.select("profile", (row) -> List.of(row.profiles().split(" ")))
		.text((row) -> String.join(" ", row.name(), row.scopes(), row.profiles(), row.state(),
				String.join(" ", row.keys().stream().map(KeyRow::label).filter(Objects::nonNull).toList())));

	@GetMapping("/mdm-clients")
	String page(@RequestParam Map<String, String> query, Model model) {
		RemoteCall<List<MdmClient>> listed = this.clients.forPage();
		model.addAttribute("list", LIST.page(rows(listed), query));
		if (!listed.ok() && !model.containsAttribute("problem")) {
			model.addAttribute("problem", listed.problem());
		}
		model.addAttribute("scopes", NewMdmClient.SCOPES);
		return "mdm-clients";
	}

	/**
	 * The clients the page's filter shows, in its order, with their keys' labels, states
	 * and last use; never a key (the challenge-service keeps only its hash). A
	 * challenge-service that does not answer is a 502 problem, not an empty file.
	 */
	@GetMapping("/mdm-clients.csv")
	ResponseEntity<String> csv(@RequestParam Map<String, String> query) {
		RemoteCall<List<MdmClient>> listed = this.clients.forPage();
		if (!listed.ok()) {
			throw new ApiProblem(HttpStatus.BAD_GATEWAY, listed.problem());
		}
		return CsvDownload.of("keyward-mdm-clients.csv",
				List.of("name", "scopes", "profiles", "outstanding_cap", "rate", "created_at", "state", "keys"),
				LIST.page(rows(listed), query).matching(),
				(row) -> List.of(row.name(), row.scopes(), row.profiles(), row.cap(), row.rate(), row.createdAt(),
						row.state(),
						String.join("; ", row.keys()
							.stream()
							.map((key) -> key.label() + " (" + key.state() + ", last used " + key.lastUsedAt() + ")")
							.toList())));
	}

	private static List<ClientRow> rows(RemoteCall<List<MdmClient>> listed) {
		return listed.ok() ? listed.value().stream().map(ClientRow::of).toList() : List.of();
	}

	@PostMapping("/mdm-clients")
	String create(@RequestParam String name, @RequestParam(required = false) List<String> scopes,
			@RequestParam(required = false) String profiles, @RequestParam(required = false) Integer maxOutstanding,
			@RequestParam(required = false) Integer ratePerSecond, @RequestParam(required = false) Integer rateBurst,
			RedirectAttributes redirect) {
		List<String> profileList = (profiles != null)
				? Arrays.stream(profiles.split("[\\s,]+")).filter((profile) -> !profile.isBlank()).toList() : List.of();
		NewMdmClient request = new NewMdmClient(name, (scopes != null) ? scopes : List.of(),
				profileList.isEmpty() ? null : profileList, maxOutstanding, ratePerSecond, rateBurst, null);
		return act(redirect,
				(flash) -> flash.addFlashAttribute("created", this.clients.create(request, Actor.current())));
	}

	@PostMapping("/mdm-clients/{id}/keys")
	String addKey(@PathVariable long id, @RequestParam(required = false) String label, RedirectAttributes redirect) {
		return act(redirect,
				(flash) -> flash.addFlashAttribute("created", this.clients.addKey(id, label, Actor.current())));
	}

	@PostMapping("/mdm-clients/{id}/keys/{keyId}/revoke")
	String revokeKey(@PathVariable long id, @PathVariable long keyId, RedirectAttributes redirect) {
		return act(redirect, (flash) -> flash.addFlashAttribute("notice",
				"Key " + keyId + " of '" + this.clients.revokeKey(id, keyId, Actor.current()).name() + "' revoked."));
	}

	@PostMapping("/mdm-clients/{id}/disable")
	String disable(@PathVariable long id, RedirectAttributes redirect) {
		return act(redirect, (flash) -> flash.addFlashAttribute("notice", "MDM client '"
				+ this.clients.disable(id, Actor.current()).name() + "' disabled: its keys are refused."));
	}

	/**
	 * Carry out a form's action; what it shows, or the service's refusal, goes to the
	 * next page view as a flash attribute.
	 */
	private static String act(RedirectAttributes redirect, Consumer<RedirectAttributes> action) {
		try {
			action.accept(redirect);
		}
		catch (ApiProblem ex) {
			redirect.addFlashAttribute("problem", ex.getMessage());
		}
		return "redirect:/mdm-clients";
	}

	/**
	 * One client of the table, its times in UTC.
	 */
	record ClientRow(long id, String name, String scopes, String profiles, String cap, String rate, String createdAt,
			boolean enabled, String state, List<KeyRow> keys) {

		/**
		 * @return {@code enabled} or {@code disabled}, the state filter's values
		 */
		String status() {
			return this.enabled ? "enabled" : "disabled";
		}

		static ClientRow of(MdmClient client) {
			return new ClientRow(client.id(), client.name(), String.join(" ", client.scopes()),
					(client.profiles() != null) ? String.join(" ", client.profiles()) : "all",
					(client.maxOutstanding() > 0) ? Integer.toString(client.maxOutstanding()) : "none",
					(client.ratePerSecond() != null || client.rateBurst() != null)
							? Objects.toString(client.ratePerSecond(), "default") + "/s, burst "
									+ Objects.toString(client.rateBurst(), "default")
							: "default",
					Timestamps.utc(client.createdAt()), client.enabled(),
					client.enabled() ? "enabled" : "disabled " + Timestamps.utc(client.disabledAt()),
					client.keys().stream().map(KeyRow::of).toList());
		}

	}

	/**
	 * One key of a client.
	 */
	record KeyRow(long id, String label, String createdAt, String lastUsedAt, boolean active, String state) {

		static KeyRow of(MdmClient.Key key) {
			return new KeyRow(key.id(), key.label(), Timestamps.utc(key.createdAt()),
					(key.lastUsedAt() != null) ? Timestamps.utc(key.lastUsedAt()) : "never", key.active(),
					key.active() ? "active" : "revoked " + Timestamps.utc(key.revokedAt()));
		}

	}

}
