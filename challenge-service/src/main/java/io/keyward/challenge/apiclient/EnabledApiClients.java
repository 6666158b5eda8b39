package io.keyward.challenge.apiclient;

import org.springframework.stereotype.Component;

/**
 * An MDM API client looked up by id, for the admin-ui's challenge administration: an
 * admin mints by hand and revokes on behalf of a client, within its profiles and cap.
 */
@Component
public class EnabledApiClients {

	private final ApiClients clients;

	EnabledApiClients(ApiClients clients) {
		this.clients = clients;
	}

	/**
	 * @param clientId {@code api_client.id}
	 * @return the client as it mints
	 * @throws UnknownApiClientException (404) when no enabled client has that id
	 */
	public ApiClientPrincipal require(long clientId) {
		return this.clients.findEnabled(clientId)
			.orElseThrow(() -> new UnknownApiClientException("No enabled API client has the id " + clientId + "."));
	}

}
