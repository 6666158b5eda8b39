package io.keyward.admin.webhook;

import static io.keyward.admin.web.FormValues.blankToNull;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.keyward.admin.web.ApiProblem;
import io.keyward.api.event.EnrollmentEvent;

import org.springframework.http.HttpStatus;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Which webhook deliveries a list shows: a state (dead letters unless asked otherwise),
 * an event type, a webhook, and the time order; and the links that keep them. Values are
 * checked against their whitelists here, so a bad one is a sentence on the page (or a 400
 * problem on the API) before the challenge-service is asked.
 *
 * @param state one of {@link #STATES}
 * @param type an event type, null for all
 * @param webhook a webhook's name, null for all
 * @param sort {@code time:desc} or {@code time:asc}
 */
record DeliveryFilter(String state, String type, String webhook, String sort) {

	/** The states a delivery is kept in, and {@code all}. */
	static final List<String> STATES = List.of("dead", "pending", "delivered", "all");

	/** Every event type, for the type filter. */
	static final List<String> TYPES = Arrays.stream(EnrollmentEvent.Type.values()).map(Enum::name).toList();

	static final List<String> SORTS = List.of("time:desc", "time:asc");

	/** Dead letters, newest first: what the page showed before it had filters. */
	static final DeliveryFilter DEFAULT = new DeliveryFilter("dead", null, null, "time:desc");

	/**
	 * @throws ApiProblem 400 naming the parameter that cannot be right
	 */
	static DeliveryFilter of(String state, String type, String webhook, String sort, String after) {
		String checkedState = Optional.ofNullable(blankToNull(state)).orElse("dead");
		String checkedSort = Optional.ofNullable(blankToNull(sort)).orElse("time:desc");
		String checkedType = blankToNull(type);
		String checkedWebhook = blankToNull(webhook);
		String cursor = blankToNull(after);
		if (!STATES.contains(checkedState)) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "state must be one of " + String.join(", ", STATES));
		}
		if (checkedType != null && !TYPES.contains(checkedType)) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "type must be one of " + String.join(", ", TYPES));
		}
		if (checkedWebhook != null && !checkedWebhook.matches("[A-Za-z0-9._-]{1,100}")) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "webhook must be a webhook's name");
		}
		if (!SORTS.contains(checkedSort)) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "sort must be time:desc or time:asc");
		}
		if (cursor != null && !cursor.matches("[1-9][0-9]{0,18}")) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "after must be the previous page's next (a delivery id)");
		}
		return new DeliveryFilter(checkedState, checkedType, checkedWebhook, checkedSort);
	}

	public boolean filtered() {
		return this.type != null || this.webhook != null || !this.state.equals("dead");
	}

	/**
	 * @return a link to {@code path} with these filters
	 */
	UriComponentsBuilder filters(String path) {
		return UriComponentsBuilder.fromPath(path)
			.queryParam("state", this.state)
			.queryParamIfPresent("type", Optional.ofNullable(this.type))
			.queryParamIfPresent("webhook", Optional.ofNullable(this.webhook));
	}

	/**
	 * @return a link to {@code path} with these filters and order
	 */
	UriComponentsBuilder link(String path) {
		return filters(path).queryParam("sort", this.sort);
	}

}
