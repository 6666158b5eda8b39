package io.keyward.admin.audit;

import java.time.Instant;

/**
 * One recorded admin action.
 *
 * @param actor who
 * @param action stable event name
 * @param target what it was done to
 * @param detail more, may be null
 * @param at when
 */
public record AdminAction(String actor, String action, String target, String detail, Instant at) {
}
