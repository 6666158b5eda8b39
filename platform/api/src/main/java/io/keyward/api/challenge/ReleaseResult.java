package io.keyward.api.challenge;

/**
 * The challenge-service's answer to a {@link ReleaseRequest}.
 *
 * @param released whether a one-time challenge redeemed by that transaction is redeemable
 * again; false when there was nothing to give back (a static challenge or an external
 * judge keeps no single use, the challenge is not redeemed by that transaction, or it was
 * released already)
 */
public record ReleaseResult(boolean released) {
}
