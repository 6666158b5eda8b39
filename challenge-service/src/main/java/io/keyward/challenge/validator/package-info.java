/**
 * The challenge-mode seam: one {@link io.keyward.challenge.validator.ChallengeValidator}
 * per mode (one-time, Intune, webhook), chosen per profile.
 */
@NullMarked
package io.keyward.challenge.validator;

import org.jspecify.annotations.NullMarked;
