package io.keyward.api.event;

import java.util.List;

/**
 * One page of webhook deliveries, filtered and in time order.
 *
 * @param items the deliveries of this page
 * @param next the cursor of the following page ({@code after=<next>}): the id of the last
 * item when the page is full, null on the last page
 * @param webhooks the names of the webhooks configured now, for a filter's choices
 */
public record WebhookDeliveryPage(List<WebhookDelivery> items, Long next, List<String> webhooks) {
}
