/**
 * The challenge dialects MDMs already speak besides Keyward's JSON API: MicroMDM's and
 * mysqlscepserver's {@code GET /challenge}, Jamf Pro's {@code SCEPChallenge} webhook, and
 * their shared settings (which profile each mints for, the Basic realm).
 */
@NullMarked
package io.keyward.challenge.dialect;

import org.jspecify.annotations.NullMarked;
