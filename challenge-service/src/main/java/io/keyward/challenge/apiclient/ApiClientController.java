package io.keyward.challenge.apiclient;

import java.util.List;

import org.jspecify.annotations.Nullable;

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
 * The management API for MDM API clients ({@link MdmClientsClient}), on the internal API:
 * only the admin-ui calls it, with the caller scope {@value #MANAGE}. An answer that
 * carries a new key is not cached.
 */
@RestController
@RequestMapping("/internal/v1/api-clients")
public class ApiClientController {

	/** The caller scope the management API needs. */
	public static final String MANAGE = "api-clients:manage";

	private final ApiClientAdministration administration;

	ApiClientController(ApiClientAdministration administration) {
		this.administration = administration;
	}

	@GetMapping
	List<MdmClient> list() {
		return this.administration.list();
	}

	@PostMapping
	ResponseEntity<IssuedMdmKey> create(@RequestBody NewMdmClient request) {
		return created(this.administration.create(request));
	}

	@PostMapping("/{id}/keys")
	ResponseEntity<IssuedMdmKey> addKey(@PathVariable long id,
			@RequestBody(required = false) MdmClientsClient.@Nullable KeyRequest request) {
		return created(this.administration.addKey(id, (request != null) ? request.label() : null));
	}

	@PostMapping("/{id}/keys/{keyId}/revoke")
	MdmClient revokeKey(@PathVariable long id, @PathVariable long keyId) {
		return this.administration.revokeKey(id, keyId);
	}

	@PostMapping("/{id}/disable")
	MdmClient disable(@PathVariable long id) {
		return this.administration.disable(id);
	}

	private static ResponseEntity<IssuedMdmKey> created(IssuedMdmKey issued) {
		return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore()).body(issued);
	}

}
