package io.keyward.api.gateway;

import java.util.List;

/**
 * One page of refusals, in the order asked for (newest first by default).
 *
 * @param items the refusals on this page
 * @param page page number, from 0
 * @param size page size
 * @param total refusals that match the filter (every one kept when there is none; the
 * gateway keeps a bounded number)
 * @param profiles the profiles named by the refusals kept, sorted, for a filter (null
 * from a gateway before this field)
 * @param failInfos the failInfo names of the refusals kept, sorted, for a filter (null
 * from a gateway before this field)
 */
public record RefusalPage(List<Refusal> items, int page, int size, long total, List<String> profiles,
		List<String> failInfos) {
}
