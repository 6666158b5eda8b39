package io.keyward.admin.webhook;

import java.net.URI;
import java.util.List;

import io.keyward.admin.AdminProperties;
import io.keyward.admin.security.Actor;
import io.keyward.admin.web.ApiProblem;
import io.keyward.admin.web.RemoteCall;
import io.keyward.admin.certificate.SortLinks;
import io.keyward.api.event.WebhookDeliveryPage;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The webhook deliveries page: the dead letters (deliveries that used up their attempts)
 * unless another state is chosen, filtered by event type and webhook, newest queued first
 * or oldest, paged by the challenge-service's keyset in SQL; each with its event, target,
 * attempts and last error, and replay buttons for the dead (CSRF-protected forms). A
 * parameter the page cannot read is a sentence on the page, not an error page.
 */
@Controller
class WebhooksController {

	static final String PATH = "/webhooks";

	private final WebhookDeadLetters deadLetters;

	private final AdminProperties properties;

	private final URI challengeUrl;

	WebhooksController(WebhookDeadLetters deadLetters, AdminProperties properties,
			@Value("${keyward.admin.challenge-url:http://127.0.0.1:8081}") URI challengeUrl) {
		this.deadLetters = deadLetters;
		this.properties = properties;
		this.challengeUrl = challengeUrl;
	}

	@GetMapping(PATH)
	String webhooks(@RequestParam(required = false) String state, @RequestParam(required = false) String type,
			@RequestParam(required = false) String webhook, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String after, Model model) {
		DeliveryFilter filter = DeliveryFilter.DEFAULT;
		WebhookDeliveryPage page = null;
		String problem = null;
		try {
			filter = DeliveryFilter.of(state, type, webhook, sort, after);
			DeliveryFilter asked = filter;
			String cursor = (after != null && !after.isBlank()) ? after.strip() : null;
			RemoteCall<WebhookDeliveryPage> call = RemoteCall.of(WebhookDeadLetters.SERVICE, this.challengeUrl,
					this.properties.hasServiceToken(),
					() -> this.deadLetters.page(asked, cursor, this.properties.pageSize()));
			page = call.value();
			problem = call.problem();
		}
		catch (ApiProblem ex) {
			problem = ex.getMessage();
		}
		DeliveryFilter shown = filter;
		model.addAttribute("problem", problem);
		model.addAttribute("rows", (page != null) ? page.items() : List.of());
		model.addAttribute("filter", shown);
		model.addAttribute("states", DeliveryFilter.STATES);
		model.addAttribute("types", DeliveryFilter.TYPES);
		model.addAttribute("webhooks", (page != null) ? page.webhooks() : List.of());
		model.addAttribute("chosenType", (shown.type() != null) ? shown.type() : "");
		model.addAttribute("chosenWebhook", (shown.webhook() != null) ? shown.webhook() : "");
		model.addAttribute("next", (page != null && page.next() != null)
				? shown.link(PATH).queryParam("after", page.next()).encode().toUriString() : null);
		model.addAttribute("firstPage", after == null || after.isBlank());
		model.addAttribute("first", shown.link(PATH).encode().toUriString());
		model.addAttribute("csv", shown.link(WebhookExportController.PATH).encode().toUriString());
		model.addAttribute("orders", SortLinks.webhookDeliveries(shown.sort(),
				(column) -> shown.filters(PATH).queryParam("sort", column).encode().toUriString()));
		return "webhooks";
	}

	@PostMapping("/webhooks/{id}/replay")
	String replay(@PathVariable long id, RedirectAttributes redirect) {
		return act(redirect, () -> this.deadLetters.replay(id, Actor.current()).replayed());
	}

	@PostMapping("/webhooks/replay")
	String replayAll(RedirectAttributes redirect) {
		return act(redirect, () -> this.deadLetters.replayAll(Actor.current()).replayed());
	}

	private String act(RedirectAttributes redirect, java.util.function.IntSupplier replay) {
		try {
			int replayed = replay.getAsInt();
			redirect.addFlashAttribute("notice", replayed + " delivery(ies) queued again.");
		}
		catch (ApiProblem ex) {
			redirect.addFlashAttribute("replayProblem", ex.getMessage());
		}
		return "redirect:/webhooks";
	}

}
