package io.keyward.gateway.profile;

/**
 * A named enrollment profile: the path segment devices enroll through and what it asks of
 * the CA.
 *
 * @param name the profile name ({@code /scep/<name>})
 * @param defaultTemplate the certificate template used when the challenge-service does
 * not name one
 */
public record EnrollmentProfile(String name, String defaultTemplate) {
}
