package io.keyward.admin.mdmclient;

import static io.keyward.admin.web.FormValues.blankToNull;

import java.util.List;
import java.util.Objects;

import io.keyward.admin.AdminProperties;
import io.keyward.admin.audit.AdminActions;
import io.keyward.admin.web.RemoteCall;
import io.keyward.admin.web.Upstream;
import io.keyward.api.challenge.IssuedMdmKey;
import io.keyward.api.challenge.MdmClient;
import io.keyward.api.challenge.MdmClientsClient;
import io.keyward.api.challenge.NewMdmClient;

import org.springframework.stereotype.Component;

/**
 * MDM API clients, kept by the challenge-service and managed from here (its management
 * API, caller scope {@code api-clients:manage}). Every change is recorded in the audit
 * log ({@code mdm_client_created}, {@code mdm_client_key_added},
 * {@code mdm_client_key_revoked}, {@code mdm_client_disabled}, target
 * {@code mdm-client:<name>}); a key never is.
 */
@Component
class MdmClients {

	static final String SERVICE = "challenge-service";

	private final MdmClientsClient client;

	private final AdminActions actions;

	private final AdminProperties properties;

	MdmClients(MdmClientsClient client, AdminActions actions, AdminProperties properties) {
		this.client = client;
		this.actions = actions;
		this.properties = properties;
	}

	/**
	 * @return the clients, or why there are none to show (for the page's banner)
	 */
	RemoteCall<List<MdmClient>> forPage() {
		return RemoteCall.of(SERVICE, this.properties.challengeUrl(), this.properties.hasServiceToken(),
				this.client::list);
	}

	List<MdmClient> list() {
		return Upstream.call(SERVICE, this.client::list);
	}

	IssuedMdmKey create(NewMdmClient request, String actor) {
		IssuedMdmKey issued = Upstream.call(SERVICE, () -> this.client.create(request));
		MdmClient created = issued.client();
		this.actions.record(actor, "mdm_client_created", target(created),
				"scopes=%s profiles=%s maxOutstanding=%d rate=%s/%s keyId=%d".formatted(
						String.join(",", created.scopes()),
						(created.profiles() != null) ? String.join(",", created.profiles()) : "*",
						created.maxOutstanding(), Objects.toString(created.ratePerSecond(), "default"),
						Objects.toString(created.rateBurst(), "default"), issued.keyId()));
		return issued;
	}

	IssuedMdmKey addKey(long id, String label, String actor) {
		IssuedMdmKey issued = Upstream.call(SERVICE,
				() -> this.client.addKey(id, new MdmClientsClient.KeyRequest(blankToNull(label))));
		this.actions.record(actor, "mdm_client_key_added", target(issued.client()), "keyId=" + issued.keyId());
		return issued;
	}

	MdmClient revokeKey(long id, long keyId, String actor) {
		MdmClient revoked = Upstream.call(SERVICE, () -> this.client.revokeKey(id, keyId));
		this.actions.record(actor, "mdm_client_key_revoked", target(revoked), "keyId=" + keyId);
		return revoked;
	}

	MdmClient disable(long id, String actor) {
		MdmClient disabled = Upstream.call(SERVICE, () -> this.client.disable(id));
		this.actions.record(actor, "mdm_client_disabled", target(disabled), null);
		return disabled;
	}

	private static String target(MdmClient client) {
		return "mdm-client:" + client.name();
	}

}
