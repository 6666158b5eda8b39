package io.keyward.api.ca;

import java.time.Instant;

/**
 * Prepare the next CA for a rollover, or move its switch-over.
 *
 * @param switchAt when the next CA becomes the issuing CA; null or a past instant means
 * now
 * @param requestedBy who asked, for the log and the record
 */
public record NextCaRequest(Instant switchAt, String requestedBy) {
}
