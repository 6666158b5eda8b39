package io.keyward.admin.account;

/**
 * The fields of the change-password form.
 *
 * @param currentPassword the password the admin signed in with
 * @param newPassword the replacement
 * @param confirmPassword the replacement typed again
 */
record PasswordForm(String currentPassword, String newPassword, String confirmPassword) {
}
