package io.keyward.api.challenge;

import java.util.List;
import java.util.UUID;

/**
 * One page of {@code GET /api/v1/challenges}, in minting order.
 *
 * @param items the challenges of this page
 * @param next the cursor for the following page ({@code after=<next>}): the id of the
 * last item when the page is full, null on the last page
 */
public record ChallengePage(List<ChallengeRecord> items, UUID next) {
}
