/**
 * Keyward challenge-service: one-time SCEP challenge passwords.
 */
@NullMarked
package io.keyward.challenge;

import org.jspecify.annotations.NullMarked;
