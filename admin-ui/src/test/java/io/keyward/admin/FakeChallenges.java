package io.keyward.admin;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import io.keyward.api.challenge.ChallengeAdministrationClient;
import io.keyward.api.challenge.ChallengeBinding;
import io.keyward.api.challenge.ChallengePage;
import io.keyward.api.challenge.ChallengeRecord;
import io.keyward.api.challenge.HandMintRequest;
import io.keyward.api.challenge.MintedChallenge;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stands in for the challenge-service's challenge administration
 * ({@code /internal/v1/challenges}, {@link ChallengeAdministrationClient}): its contract
 * and refusals (404 for a client that {@link FakeMdmClients} does not know, 400 for the
 * profile {@value #FORBIDDEN_PROFILE}), in memory. The real service is tested in
 * challenge-service's {@code ChallengeAdministrationTests} and the standalone suite.
 */
final class FakeChallenges {

	static final String FORBIDDEN_PROFILE = "not-yours";

	/** The orders the real service accepts. */
	private static final List<String> SORTS = List.of("created:asc", "created:desc", "expires:asc", "expires:desc");

	private static final Pattern REVOKE = Pattern.compile("/internal/v1/challenges/([0-9a-f-]{36})/revoke");

	private final JsonMapper json = JsonMapper.builder().build();

	private final FakeMdmClients clients;

	/** Each challenge by id, with the client that minted it. */
	private final Map<UUID, Map.Entry<Long, ChallengeRecord>> challenges = new ConcurrentSkipListMap<>();

	private final AtomicLong counter = new AtomicLong();

	FakeChallenges(FakeMdmClients clients) {
		this.clients = clients;
	}

	Map.Entry<Integer, String> handle(HttpExchange exchange, String body) throws IOException {
		String path = exchange.getRequestURI().getPath();
		Map<String, String> query = query(exchange.getRequestURI().getQuery());
		if ("GET".equals(exchange.getRequestMethod()) && path.equals("/internal/v1/challenges")) {
			long client = Long.parseLong(query.get("client"));
			String sort = query.get("sort");
			List<ChallengeRecord> items = new ArrayList<>(this.challenges.values()
				.stream()
				.filter((entry) -> entry.getKey() == client)
				.map(Map.Entry::getValue)
				.filter((record) -> query.get("state") == null || query.get("state").equals(record.state()))
				.filter((record) -> query.get("profile") == null || query.get("profile").equals(record.profile()))
				.toList());
			if (sort != null) {
				if (!SORTS.contains(sort)) {
					return problem(400, "sort must be one of " + String.join(", ", SORTS));
				}
				Comparator<ChallengeRecord> order = Comparator
					.comparing(sort.startsWith("created") ? ChallengeRecord::createdAt : ChallengeRecord::expiresAt)
					.thenComparing(ChallengeRecord::id);
				items.sort(sort.endsWith(":desc") ? order.reversed() : order);
			}
			if (query.get("after") != null) {
				UUID after = UUID.fromString(query.get("after"));
				int at = items.stream().map(ChallengeRecord::id).toList().indexOf(after);
				if (at < 0 && sort != null) {
					return problem(400, "after must be the id of one of this client's challenges");
				}
				items = (at >= 0) ? items.subList(at + 1, items.size())
						: items.stream().filter((record) -> record.id().compareTo(after) > 0).toList();
			}
			int limit = Integer.parseInt(query.get("limit"));
			List<ChallengeRecord> page = items.subList(0, Math.min(limit, items.size()));
			return ok(200, new ChallengePage(page, (items.size() > limit) ? page.get(limit - 1).id() : null));
		}
		if ("POST".equals(exchange.getRequestMethod()) && path.equals("/internal/v1/challenges")) {
			return mint(this.json.readValue(body, HandMintRequest.class));
		}
		Matcher revoke = REVOKE.matcher(path);
		if (revoke.matches()) {
			UUID id = UUID.fromString(revoke.group(1));
			Map.Entry<Long, ChallengeRecord> found = this.challenges.get(id);
			if (found == null || found.getKey() != Long.parseLong(query.get("client"))) {
				return problem(404, "No challenge with that id was minted by this client.");
			}
			ChallengeRecord record = found.getValue();
			this.challenges.put(id,
					Map.entry(found.getKey(),
							new ChallengeRecord(id, "revoked", record.profile(), record.template(), record.externalId(),
									record.binding(), record.createdAt(), record.expiresAt(), null, null, null, null,
									Instant.now())));
			return Map.entry(204, "");
		}
		return problem(404, "no such resource");
	}

	private Map.Entry<Integer, String> mint(HandMintRequest request) {
		if (!this.clients.exists(request.client())) {
			return problem(404, "No enabled API client has the id " + request.client() + ".");
		}
		if (FORBIDDEN_PROFILE.equals(request.profile())) {
			return problem(400, "API client may not mint challenges for profile '" + request.profile() + "'.");
		}
		UUID id = new UUID(0x5eedL, this.counter.incrementAndGet());
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		// a "short" challenge expires before one minted earlier: the expiry order differs
		Instant expiresAt = now.plus("short".equals(request.profile()) ? 10 : 60, ChronoUnit.MINUTES);
		ChallengeBinding binding = "bound".equals(request.profile())
				? new ChallengeBinding(null, "CN=<b>hostile</b>", null, null, null, "<script>x</script>", null) : null;
		this.challenges.put(id, Map.entry(request.client(), new ChallengeRecord(id, "outstanding", request.profile(),
				"default", null, binding, now, expiresAt, null, null, null, null, null)));
		String password = "%016X".formatted(0xC0FFEE0000L + this.counter.get());
		return ok(201, new MintedChallenge(password, request.profile(), expiresAt, id, UUID.randomUUID().toString()));
	}

	void reset() {
		this.challenges.clear();
	}

	private static Map<String, String> query(String query) {
		Map<String, String> values = new HashMap<>();
		if (query != null) {
			for (String pair : query.split("&")) {
				String[] parts = pair.split("=", 2);
				values.put(parts[0], (parts.length > 1) ? parts[1] : "");
			}
		}
		return values;
	}

	private Map.Entry<Integer, String> ok(int status, Object value) {
		return Map.entry(status, this.json.writeValueAsString(value));
	}

	private static Map.Entry<Integer, String> problem(int status, String detail) {
		return Map.entry(status, "{\"title\":\"refused\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
	}

}
