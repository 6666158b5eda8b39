package io.keyward.challenge.event;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.keyward.api.event.EnrollmentEvent;
import io.keyward.api.event.WebhookDelivery;
import io.keyward.api.event.WebhookDeliveryPage;
import io.keyward.edge.problem.InvalidRequest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Every webhook delivery the challenge-service keeps (pending, delivered and dead: none
 * is deleted), filtered by state, event type and webhook, in the order they were queued
 * (the delivery's id, given when its event arrived) either way, a page at a time by
 * keyset ({@code id} after the previous page's last; V17's
 * {@code webhook_delivery_by_status} serves a state, the primary key all states). Only
 * whitelisted values reach the SQL text.
 */
@Component
class DeliveryListing {

	static final int MAX_LIMIT = 500;

	/** Each {@code state} value and the status it selects, null for every status. */
	private static final Map<String, String> STATES = Map.of("dead", "DEAD", "pending", "PENDING", "delivered",
			"DELIVERED", "all", "");

	private final JdbcClient jdbc;

	private final DeadLetters deadLetters;

	private final WebhookProperties properties;

	DeliveryListing(JdbcClient jdbc, DeadLetters deadLetters, WebhookProperties properties) {
		this.jdbc = jdbc;
		this.deadLetters = deadLetters;
		this.properties = properties;
	}

	/**
	 * @throws InvalidRequest naming the parameter that is out of range
	 */
	WebhookDeliveryPage page(String state, @Nullable String type, @Nullable String webhook, @Nullable String sort,
			@Nullable String after, int limit) {
		if (!STATES.containsKey(state)) {
			throw new InvalidRequest("state must be one of all, dead, delivered, pending");
		}
		if (type != null && Arrays.stream(EnrollmentEvent.Type.values()).noneMatch((t) -> t.name().equals(type))) {
			throw new InvalidRequest("type must be one of " + Arrays.toString(EnrollmentEvent.Type.values()));
		}
		if (webhook != null && webhook.length() > 200) {
			throw new InvalidRequest("webhook must be a webhook's name");
		}
		boolean oldestFirst = oldestFirst(sort);
		Long cursor = cursor(after);
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new InvalidRequest("limit must be between 1 and " + MAX_LIMIT);
		}
		StringBuilder sql = new StringBuilder(DeadLetters.SELECT).append(" where true");
		if (!STATES.get(state).isEmpty()) {
			sql.append(" and d.status = :status");
		}
		if (type != null) {
			sql.append(" and e.type = :type");
		}
		if (webhook != null) {
			sql.append(" and d.webhook = :webhook");
		}
		if (cursor != null) {
			sql.append(oldestFirst ? " and d.id > :after" : " and d.id < :after");
		}
		sql.append(oldestFirst ? " order by d.id" : " order by d.id desc").append(" limit :limit");
		JdbcClient.StatementSpec query = this.jdbc.sql(sql.toString()).param("limit", limit);
		if (!STATES.get(state).isEmpty()) {
			query = query.param("status", STATES.get(state));
		}
		if (type != null) {
			query = query.param("type", type);
		}
		if (webhook != null) {
			query = query.param("webhook", webhook);
		}
		if (cursor != null) {
			query = query.param("after", cursor);
		}
		List<WebhookDelivery> items = query.query(this.deadLetters::delivery).list();
		return new WebhookDeliveryPage(items, (items.size() == limit) ? items.getLast().id() : null,
				this.properties.webhooks().keySet().stream().sorted().toList());
	}

	private static boolean oldestFirst(@Nullable String sort) {
		if (sort == null || sort.equals("time:desc") || sort.equals("time")) {
			return false;
		}
		if (sort.equals("time:asc")) {
			return true;
		}
		throw new InvalidRequest("sort must be time:asc or time:desc");
	}

	private static @Nullable Long cursor(@Nullable String after) {
		if (after == null) {
			return null;
		}
		try {
			long id = Long.parseLong(after);
			if (id > 0) {
				return id;
			}
		}
		catch (NumberFormatException ex) {
			// refused below
		}
		throw new InvalidRequest("after must be the previous page's next (a delivery id)");
	}

}
