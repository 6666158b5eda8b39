/**
 * The life of each challenge under its correlation id (issue 14): minted, redeemed,
 * refused, issued, expired, revoked; append-only rows of
 * {@code challenge.challenge_event} and the admin-ui's read of them.
 */
@NullMarked
package io.keyward.challenge.life;

import org.jspecify.annotations.NullMarked;
