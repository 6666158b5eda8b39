package io.keyward.api.event;

/**
 * What the challenge-service's intake did with an {@link EventBatch}.
 *
 * @param stored the events stored now
 * @param repeated the events an earlier request had already stored
 */
public record EventBatchResult(int stored, int repeated) {
}
