package io.keyward.admin;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import io.keyward.api.challenge.IssuedMdmKey;
import io.keyward.api.challenge.MdmClient;
import io.keyward.api.challenge.MdmClientsClient;
import io.keyward.api.challenge.NewMdmClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stands in for the challenge-service's management API of MDM API clients
 * ({@code /internal/v1/api-clients}, {@link MdmClientsClient}): the real service's
 * contract and its refusals (409 for a taken name, 400 for an unknown scope, 404 for an
 * unknown client), kept in memory. The real service is driven by the standalone suite's
 * tests.
 */
final class FakeMdmClients {

	private static final Pattern PATH = Pattern
		.compile("/internal/v1/api-clients(?:/(\\d+)(?:/(keys)(?:/(\\d+)/revoke)?|/(disable))?)?");

	private final JsonMapper json = JsonMapper.builder().build();

	private final Map<Long, MdmClient> clients = new ConcurrentSkipListMap<>();

	private final AtomicLong ids = new AtomicLong(100);

	/**
	 * @return the HTTP answer: status and JSON body
	 */
	Map.Entry<Integer, String> handle(HttpExchange exchange, String body) throws IOException {
		Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
		if (!path.matches()) {
			return problem(404, "no such resource");
		}
		if (path.group(1) == null) {
			return "GET".equals(exchange.getRequestMethod()) ? ok(200, List.copyOf(this.clients.values()))
					: create(this.json.readValue(body, NewMdmClient.class));
		}
		MdmClient client = this.clients.get(Long.parseLong(path.group(1)));
		if (client == null) {
			return problem(404, "No API client has the id " + path.group(1) + ".");
		}
		if (path.group(4) != null) {
			return ok(200, replace(client, client.keys(), Instant.now()));
		}
		if (path.group(3) != null) {
			long keyId = Long.parseLong(path.group(3));
			List<MdmClient.Key> keys = client.keys()
				.stream()
				.map((key) -> (key.id() == keyId && key.active())
						? new MdmClient.Key(key.id(), key.label(), key.createdAt(), key.lastUsedAt(), Instant.now())
						: key)
				.toList();
			return ok(200, replace(client, keys, client.disabledAt()));
		}
		String label = body.isBlank() ? null : this.json.readValue(body, MdmClientsClient.KeyRequest.class).label();
		return ok(201, issue(client, (label != null) ? label : "added"));
	}

	private Map.Entry<Integer, String> create(NewMdmClient request) {
		if (request.scopes() == null || request.scopes().isEmpty()
				|| !NewMdmClient.SCOPES.containsAll(request.scopes())) {
			return problem(400, "scopes must name at least one of " + NewMdmClient.SCOPES);
		}
		if (this.clients.values().stream().anyMatch((client) -> client.name().equals(request.name()))) {
			return problem(409, "An API client named '" + request.name() + "' already exists.");
		}
		MdmClient client = new MdmClient(this.ids.incrementAndGet(), request.name(), request.scopes(),
				request.profiles(), (request.maxOutstanding() != null) ? request.maxOutstanding() : 0,
				request.ratePerSecond(), request.rateBurst(), Instant.now(), null, List.of());
		return ok(201, issue(client, (request.keyLabel() != null) ? request.keyLabel() : "initial"));
	}

	private IssuedMdmKey issue(MdmClient client, String label) {
		long keyId = this.ids.incrementAndGet();
		List<MdmClient.Key> keys = new ArrayList<>(client.keys());
		keys.add(0, new MdmClient.Key(keyId, label, Instant.now(), Instant.parse("2026-03-01T12:00:00Z"), null));
		return new IssuedMdmKey(replace(client, keys, client.disabledAt()), keyId,
				"kw_fake-" + keyId + "-" + "x".repeat(30));
	}

	private MdmClient replace(MdmClient client, List<MdmClient.Key> keys, Instant disabledAt) {
		MdmClient changed = new MdmClient(client.id(), client.name(), client.scopes(), client.profiles(),
				client.maxOutstanding(), client.ratePerSecond(), client.rateBurst(), client.createdAt(), disabledAt,
				keys);
		this.clients.put(changed.id(), changed);
		return changed;
	}

	void reset() {
		this.clients.clear();
	}

	boolean exists(long id) {
		return this.clients.containsKey(id);
	}

	private Map.Entry<Integer, String> ok(int status, Object value) {
		return Map.entry(status, this.json.writeValueAsString(value));
	}

	private static Map.Entry<Integer, String> problem(int status, String detail) {
		return Map.entry(status, "{\"title\":\"refused\",\"status\":" + status + ",\"detail\":\""
				+ detail.replace("\"", "\\\"") + "\"}");
	}

}
