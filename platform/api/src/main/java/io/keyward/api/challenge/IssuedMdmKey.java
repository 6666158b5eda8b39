package io.keyward.api.challenge;

/**
 * A key just created for an MDM API client: the only answer that carries a key in clear.
 *
 * @param client the client, with the new key among its keys
 * @param keyId {@code api_client_key.id} of the new key
 * @param key the key itself ({@code kw_} and 43 base64url characters); shown once, stored
 * only as its SHA-256
 */
public record IssuedMdmKey(MdmClient client, long keyId, String key) {

	@Override
	public String toString() {
		return "IssuedMdmKey[client=" + this.client.name() + ", keyId=" + this.keyId + ", key=<secret>]";
	}

}
