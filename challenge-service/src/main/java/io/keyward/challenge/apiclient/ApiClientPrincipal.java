package io.keyward.challenge.apiclient;

/**
 * The MDM API client behind a request, as the security context holds it.
 *
 * @param id {@code api_client.id}, recorded on every challenge it mints
 * @param name the client's name, for logs
 */
public record ApiClientPrincipal(long id, String name) {
}
