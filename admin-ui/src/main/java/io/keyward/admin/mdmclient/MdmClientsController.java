package io.keyward.admin.mdmclient;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import io.keyward.admin.security.Actor;
import io.keyward.admin.web.ApiProblem;
import io.keyward.admin.web.RemoteCall;
import io.keyward.admin.web.Timestamps;
import io.keyward.api.challenge.MdmClient;
import io.keyward.api.challenge.NewMdmClient;

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

	@GetMapping("/mdm-clients")
	String page(Model model) {
		RemoteCall<List<MdmClient>> listed = this.clients.forPage();
		model.addAttribute("clients", listed.ok() ? listed.value().stream().map(ClientRow::of).toList() : List.of());
		if (!listed.ok() && !model.containsAttribute("problem")) {
			model.addAttribute("problem", listed.problem());
		}
		model.addAttribute("scopes", NewMdmClient.SCOPES);
		return "mdm-clients";
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
