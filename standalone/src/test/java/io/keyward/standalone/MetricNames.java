package io.keyward.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.json.JsonMapper;

/**
 * The metric names the alert rules and the Grafana dashboard query, and the names a
 * service's {@code /actuator/prometheus} serves: what keeps rules, dashboard and code
 * from drifting apart.
 */
final class MetricNames {

	/** Keyward's own series and the upstream-call histograms Spring Boot records. */
	private static final Pattern QUERIED = Pattern
		.compile("\\b(keyward_[a-z0-9_]+|http_(?:client|server)_requests_seconds_[a-z]+)\\b");

	private MetricNames() {
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> dashboard() throws IOException {
		return JsonMapper.builder().build().readValue(Files.readString(PrometheusRulesTests.DASHBOARD), Map.class);
	}

	/** Every panel's PromQL, as written (with Grafana's variables). */
	@SuppressWarnings("unchecked")
	static List<String> dashboardQueries() throws IOException {
		List<String> queries = new ArrayList<>();
		for (Map<String, Object> panel : (List<Map<String, Object>>) dashboard().get("panels")) {
			for (Map<String, Object> target : (List<Map<String, Object>>) panel.getOrDefault("targets", List.of())) {
				queries.add((String) target.get("expr"));
			}
		}
		return queries;
	}

	/** The series names alerts.yml and the dashboard read. */
	static Set<String> queried() throws IOException {
		Set<String> names = new TreeSet<>();
		names.addAll(in(Files.readString(PrometheusRulesTests.PROMETHEUS.resolve("alerts.yml"))));
		for (String query : dashboardQueries()) {
			names.addAll(in(query));
		}
		return names;
	}

	/** The series names in a Prometheus text exposition. */
	static Set<String> served(String scrape) {
		Set<String> names = new TreeSet<>();
		for (String line : scrape.split("\n")) {
			if (!line.isBlank() && !line.startsWith("#")) {
				Matcher name = Pattern.compile("^[a-zA-Z_:][a-zA-Z0-9_:]*").matcher(line);
				if (name.find()) {
					names.add(name.group());
				}
			}
		}
		return names;
	}

	private static Set<String> in(String text) {
		Set<String> names = new TreeSet<>();
		Matcher matcher = QUERIED.matcher(text);
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

}
