/**
 * Challenge profiles: which certificate template a challenge is good for, how long it
 * lives and how many may be outstanding (the NDES PasswordValidity and PasswordMax
 * knobs).
 */
@NullMarked
package io.keyward.challenge.profile;

import org.jspecify.annotations.NullMarked;
