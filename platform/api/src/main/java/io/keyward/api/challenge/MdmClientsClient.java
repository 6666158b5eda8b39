package io.keyward.api.challenge;

import java.util.List;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * The challenge-service's management API for MDM API clients, called by the admin-ui
 * (caller scope {@code api-clients:manage}).
 */
@HttpExchange("/internal/v1/api-clients")
public interface MdmClientsClient {

	@GetExchange
	List<MdmClient> list();

	@PostExchange
	IssuedMdmKey create(@RequestBody NewMdmClient client);

	/**
	 * @param label what the admin calls the key; null for a dated default
	 */
	@PostExchange("/{id}/keys")
	IssuedMdmKey addKey(@PathVariable long id, @RequestBody KeyRequest label);

	@PostExchange("/{id}/keys/{keyId}/revoke")
	MdmClient revokeKey(@PathVariable long id, @PathVariable long keyId);

	@PostExchange("/{id}/disable")
	MdmClient disable(@PathVariable long id);

	/**
	 * Body of the add-key call.
	 *
	 * @param label what the admin calls the key, may be null
	 */
	record KeyRequest(String label) {
	}

}
