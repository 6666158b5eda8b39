package io.keyward.challenge.apiclient;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.keyward.api.challenge.IssuedMdmKey;
import io.keyward.api.challenge.MdmClient;
import io.keyward.api.challenge.NewMdmClient;
import io.keyward.challenge.profile.ChallengeProfiles;
import io.keyward.edge.problem.InvalidRequest;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an admin does to MDM API clients (through the admin-ui): create one with its first
 * key, add a key (rotation), revoke a key, disable the client. A key is 256 random bits,
 * returned once and stored as its SHA-256. Nothing is deleted: a challenge names the
 * client that minted it. Each change is logged ({@code event=api_client_*}, never a key)
 * and counted in {@code keyward.challenge.api.clients.changed{action}}.
 */
@Service
class ApiClientAdministration {

	private static final Logger log = LoggerFactory.getLogger(ApiClientAdministration.class);

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

	private static final Pattern LABEL = Pattern.compile("[\\x20-\\x7e]{1,100}");

	private final ApiClients clients;

	private final ChallengeProfiles profiles;

	private final Clock clock;

	private final MeterRegistry meters;

	ApiClientAdministration(ApiClients clients, ChallengeProfiles profiles, Clock clock, MeterRegistry meters) {
		this.clients = clients;
		this.profiles = profiles;
		this.clock = clock;
		this.meters = meters;
	}

	List<MdmClient> list() {
		return this.clients.list();
	}

	@Transactional
	IssuedMdmKey create(NewMdmClient request) {
		String name = (request.name() != null) ? request.name().strip() : "";
		if (!NAME.matcher(name).matches()) {
			throw new InvalidRequest(
					"name must be 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit");
		}
		List<String> scopes = scopes(request.scopes());
		List<String> allowed = profiles(request.profiles());
		int cap = (request.maxOutstanding() != null) ? request.maxOutstanding() : 0;
		if (cap < 0) {
			throw new InvalidRequest("maxOutstanding must be 0 (no cap of its own) or more");
		}
		positive("ratePerSecond", request.ratePerSecond());
		positive("rateBurst", request.rateBurst());
		Instant now = this.clock.instant();
		long id = this.clients
			.insertIfAbsent(name, scopes, allowed, cap, request.ratePerSecond(), request.rateBurst(), now)
			.orElseThrow(() -> new ApiClientNameTakenException(name));
		log.info("event=api_client_created client={} scopes=\"{}\" profiles=\"{}\" maxOutstanding={} rate={}/{}", name,
				String.join(" ", scopes), (allowed != null) ? String.join(" ", allowed) : "*", cap,
				request.ratePerSecond(), request.rateBurst());
		changed("created");
		return issueKey(id, (request.keyLabel() != null) ? request.keyLabel() : "initial", now);
	}

	@Transactional
	IssuedMdmKey addKey(long clientId, @Nullable String label) {
		MdmClient client = require(clientId);
		if (!client.enabled()) {
			throw new InvalidRequest("API client '" + client.name() + "' is disabled: it gets no new key");
		}
		Instant now = this.clock.instant();
		changed("key_added");
		return issueKey(clientId, (label != null) ? label : "added " + now.toString().substring(0, 10), now);
	}

	@Transactional
	MdmClient revokeKey(long clientId, long keyId) {
		MdmClient client = require(clientId);
		if (client.keys().stream().noneMatch((key) -> key.id() == keyId)) {
			throw new UnknownApiClientException("API client '" + client.name() + "' has no key " + keyId + ".");
		}
		if (this.clients.revokeKey(clientId, keyId, this.clock.instant()) == 1) {
			log.info("event=api_client_key_revoked client={} keyId={}", client.name(), keyId);
			changed("key_revoked");
		}
		return require(clientId);
	}

	@Transactional
	MdmClient disable(long clientId) {
		MdmClient client = require(clientId);
		if (this.clients.disable(clientId, this.clock.instant()) == 1) {
			log.info("event=api_client_disabled client={}", client.name());
			changed("disabled");
		}
		return require(clientId);
	}

	private IssuedMdmKey issueKey(long clientId, String label, Instant now) {
		String stripped = label.strip();
		if (!LABEL.matcher(stripped).matches()) {
			throw new InvalidRequest("a key's label must be 1 to 100 printable ASCII characters");
		}
		String key = ApiKeys.generate();
		long keyId = this.clients.insertKey(clientId, stripped, ApiKeys.digest(key), now);
		MdmClient client = require(clientId);
		log.info("event=api_client_key_added client={} keyId={} label=\"{}\"", client.name(), keyId, stripped);
		return new IssuedMdmKey(client, keyId, key);
	}

	private MdmClient require(long clientId) {
		return this.clients.find(clientId)
			.orElseThrow(() -> new UnknownApiClientException("No API client has the id " + clientId + "."));
	}

	private static List<String> scopes(@Nullable List<String> requested) {
		if (requested == null || requested.isEmpty()) {
			throw new InvalidRequest("scopes must name at least one of " + ApiScopes.ALL);
		}
		for (String scope : requested) {
			if (scope == null) {
				// JSON [null]: ApiScopes.ALL is an immutable set, whose contains(null)
				// throws
				throw new InvalidRequest("scopes must not contain null: the scopes are " + ApiScopes.ALL);
			}
			if (!ApiScopes.ALL.contains(scope)) {
				throw new InvalidRequest("unknown scope '" + scope + "': the scopes are " + ApiScopes.ALL);
			}
		}
		return List.copyOf(new LinkedHashSet<>(requested));
	}

	/**
	 * @return the profiles, null for all
	 */
	private @Nullable List<String> profiles(@Nullable List<String> requested) {
		if (requested == null || requested.isEmpty()) {
			return null;
		}
		for (String profile : requested) {
			if (profile == null) {
				throw new InvalidRequest(
						"profiles must not contain null: name challenge profiles, or leave it out for all");
			}
			if (!this.profiles.exists(profile)) {
				throw new InvalidRequest("unknown challenge profile '" + profile + "'");
			}
		}
		return List.copyOf(new LinkedHashSet<>(requested));
	}

	private static void positive(String field, @Nullable Integer value) {
		if (value != null && value < 1) {
			throw new InvalidRequest(field + " must be 1 or more, or absent for the default");
		}
	}

	private void changed(String action) {
		this.meters.counter("keyward.challenge.api.clients.changed", "action", action).increment();
	}

}
