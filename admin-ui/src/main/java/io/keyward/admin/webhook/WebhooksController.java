package io.keyward.admin.webhook;

import java.net.URI;
import java.util.List;

import io.keyward.admin.AdminProperties;
import io.keyward.admin.security.Actor;
import io.keyward.admin.web.ApiProblem;
import io.keyward.admin.web.RemoteCall;
import io.keyward.api.event.WebhookDelivery;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The dead-letter page: deliveries that used up their attempts, with their event, target,
 * attempts and last error, and replay buttons (CSRF-protected forms).
 */
@Controller
class WebhooksController {

	private final WebhookDeadLetters deadLetters;

	private final AdminProperties properties;

	private final URI challengeUrl;

	WebhooksController(WebhookDeadLetters deadLetters, AdminProperties properties,
			@Value("${keyward.admin.challenge-url:http://127.0.0.1:8081}") URI challengeUrl) {
		this.deadLetters = deadLetters;
		this.properties = properties;
		this.challengeUrl = challengeUrl;
	}

	@GetMapping("/webhooks")
	String webhooks(Model model) {
		RemoteCall<List<WebhookDelivery>> call = RemoteCall.of(WebhookDeadLetters.SERVICE, this.challengeUrl,
				this.properties.hasServiceToken(), () -> this.deadLetters.list(WebhookDeadLetters.MAX_LIMIT));
		model.addAttribute("problem", call.problem());
		model.addAttribute("rows", (call.ok() && call.value() != null) ? call.value() : List.of());
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
