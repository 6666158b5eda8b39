package io.keyward.loadgen;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mints one-time challenges the way an MDM does: {@code POST /api/v1/challenges} on
 * Keyward's challenge-service with a bearer API key.
 */
public final class ChallengeApi implements ChallengeSource {

	private static final Pattern CHALLENGE = Pattern.compile("\"challenge\"\\s*:\\s*\"([^\"]+)\"");

	private final URI endpoint;

	private final String apiKey;

	private final String profile;

	private final int parallelism;

	private final Duration timeout;

	/**
	 * @param baseUrl the challenge-service, e.g. {@code http://127.0.0.1:8081}
	 * @param apiKey the MDM API key
	 * @param profile the profile to mint for
	 * @param parallelism requests in flight while minting
	 * @param timeout per request
	 */
	public ChallengeApi(URI baseUrl, String apiKey, String profile, int parallelism, Duration timeout) {
		String base = baseUrl.toString().replaceAll("/+$", "");
		this.endpoint = URI.create(base + "/api/v1/challenges");
		this.apiKey = apiKey;
		this.profile = profile;
		this.parallelism = Math.max(1, Math.min(parallelism, 8));
		this.timeout = timeout;
	}

	@Override
	public List<String> challenges(int count) throws IOException, InterruptedException {
		try (HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(this.timeout)
			.build(); ExecutorService pool = Executors.newFixedThreadPool(this.parallelism)) {
			List<Future<String>> minted = new ArrayList<>(count);
			for (int i = 0; i < count; i++) {
				minted.add(pool.submit(() -> mint(http)));
			}
			List<String> challenges = new ArrayList<>(count);
			for (Future<String> future : minted) {
				challenges.add(future.get());
			}
			return challenges;
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof IOException io) {
				throw io;
			}
			throw new IOException("minting challenges failed: " + ex.getCause().getMessage(), ex.getCause());
		}
	}

	private String mint(HttpClient http) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(this.endpoint)
			.timeout(this.timeout)
			.header("Authorization", "Bearer " + this.apiKey)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"profile\":\"" + this.profile.replace("\"", "") + "\"}"))
			.build();
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 201 && response.statusCode() != 200) {
			throw new IOException("POST " + this.endpoint + " answered HTTP " + response.statusCode() + ": "
					+ abbreviate(response.body()));
		}
		return challenge(response.body());
	}

	static String challenge(String json) throws IOException {
		Matcher matcher = CHALLENGE.matcher(json);
		if (!matcher.find()) {
			throw new IOException("no challenge in the challenge API's answer: " + abbreviate(json));
		}
		return matcher.group(1);
	}

	private static String abbreviate(String text) {
		return (text.length() > 200) ? text.substring(0, 200) + "..." : text;
	}

}
