package io.keyward.admin.mdmclient;

import java.util.List;

import io.keyward.admin.security.Actor;
import io.keyward.api.challenge.IssuedMdmKey;
import io.keyward.api.challenge.MdmClient;
import io.keyward.api.challenge.MdmClientsClient;
import io.keyward.api.challenge.NewMdmClient;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin API over MDM API clients (scope {@code mdm-clients:manage}): list, create
 * (the answer carries the first key, once), add a key, revoke a key, disable.
 */
@RestController
@RequestMapping("/api/v1/mdm-clients")
class MdmClientApiController {

	private final MdmClients clients;

	MdmClientApiController(MdmClients clients) {
		this.clients = clients;
	}

	@GetMapping
	List<MdmClient> list() {
		return this.clients.list();
	}

	@PostMapping
	ResponseEntity<IssuedMdmKey> create(@RequestBody NewMdmClient request) {
		return created(this.clients.create(request, Actor.current()));
	}

	@PostMapping("/{id}/keys")
	ResponseEntity<IssuedMdmKey> addKey(@PathVariable long id,
			@RequestBody(required = false) MdmClientsClient.KeyRequest request) {
		return created(this.clients.addKey(id, (request != null) ? request.label() : null, Actor.current()));
	}

	@PostMapping("/{id}/keys/{keyId}/revoke")
	MdmClient revokeKey(@PathVariable long id, @PathVariable long keyId) {
		return this.clients.revokeKey(id, keyId, Actor.current());
	}

	@PostMapping("/{id}/disable")
	MdmClient disable(@PathVariable long id) {
		return this.clients.disable(id, Actor.current());
	}

	private static ResponseEntity<IssuedMdmKey> created(IssuedMdmKey issued) {
		return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore()).body(issued);
	}

}
