package io.keyward.api.gateway;

import java.util.List;

/**
 * One page of refusals, newest first.
 *
 * @param items the refusals on this page
 * @param page page number, from 0
 * @param size page size
 * @param total refusals kept (the gateway keeps a bounded number)
 */
public record RefusalPage(List<Refusal> items, int page, int size, long total) {
}
