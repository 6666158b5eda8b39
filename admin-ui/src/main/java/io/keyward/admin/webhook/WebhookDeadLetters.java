package io.keyward.admin.webhook;

import io.keyward.admin.audit.AdminActions;
import io.keyward.admin.web.ApiProblem;
import io.keyward.admin.web.Upstream;
import io.keyward.api.event.WebhookDelivery;
import io.keyward.api.event.WebhookDeliveryClient;
import io.keyward.api.event.WebhookDeliveryPage;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The webhook deliveries that used up their attempts (and, filtered, those pending or
 * delivered), for the admin API and the dashboard alike; each replay is recorded in the
 * audit log ({@code webhook_replayed}, {@code webhook_replayed_all}).
 */
@Service
public class WebhookDeadLetters {

	static final String SERVICE = "challenge-service";

	static final int MAX_LIMIT = 500;

	private final WebhookDeliveryClient challengeService;

	private final AdminActions actions;

	WebhookDeadLetters(WebhookDeliveryClient challengeService, AdminActions actions) {
		this.challengeService = challengeService;
		this.actions = actions;
	}

	/**
	 * @param after the previous page's {@code next}, null for the first page
	 * @param limit 1 to {@value #MAX_LIMIT}
	 * @return one page of the deliveries the filter selects
	 * @throws ApiProblem 400 for a limit out of range or the challenge-service's refusal
	 */
	WebhookDeliveryPage page(DeliveryFilter filter, String after, int limit) {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "limit must be between 1 and " + MAX_LIMIT);
		}
		return Upstream.call(SERVICE, () -> this.challengeService.page(filter.state(), filter.type(), filter.webhook(),
				filter.sort(), after, limit));
	}

	public WebhookDelivery.Replayed replay(long id, String actor) {
		if (id < 1) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "id must be a delivery id");
		}
		WebhookDelivery.Replayed replayed = Upstream.call(SERVICE, () -> this.challengeService.replay(id));
		this.actions.record(actor, "webhook_replayed", "webhook-delivery:" + id, null);
		return replayed;
	}

	public WebhookDelivery.Replayed replayAll(String actor) {
		WebhookDelivery.Replayed replayed = Upstream.call(SERVICE, this.challengeService::replayAll);
		this.actions.record(actor, "webhook_replayed_all", "webhook-deliveries", "replayed=" + replayed.replayed());
		return replayed;
	}

}
