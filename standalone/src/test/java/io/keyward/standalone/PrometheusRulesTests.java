package io.keyward.standalone;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Prometheus files in {@code deploy/prometheus} as Prometheus itself reads them:
 * {@code promtool check config}, {@code check rules} and {@code test rules} (each alert
 * fires on the series that should wake someone, and stays quiet on a healthy stack), and
 * the Grafana dashboard's queries parsed by the same PromQL parser. promtool comes with
 * Debian's {@code prometheus} package, which {@code .ci/run} installs; without it these
 * tests are skipped locally and fail in CI.
 */
class PrometheusRulesTests {

	static final Path PROMETHEUS = DockerComposeTests.ROOT.resolve("deploy/prometheus");

	static final Path DASHBOARD = DockerComposeTests.ROOT.resolve("deploy/grafana/keyward-dashboard.json");

	@Test
	void whenPromtoolChecksTheScrapeConfigThenItAndItsRulesAreValid() throws Exception {
		promtool("check", "config", PROMETHEUS.resolve("prometheus.yml").toString());
	}

	@Test
	void whenPromtoolChecksTheAlertRulesThenTheyAreValid() throws Exception {
		promtool("check", "rules", PROMETHEUS.resolve("alerts.yml").toString());
	}

	@Test
	void whenPromtoolRunsTheRuleUnitTestsThenEveryOnePasses() throws Exception {
		promtool("test", "rules", PROMETHEUS.resolve("alerts.test.yml").toString());
	}

	@Test
	@SuppressWarnings("unchecked")
	void whenAnAlertIsDefinedThenAUnitTestSeesItFireAndOneSeesItQuiet() throws IOException {
		Set<String> alerts = new LinkedHashSet<>();
		Map<String, Object> rules = new Yaml().load(Files.readString(PROMETHEUS.resolve("alerts.yml")));
		for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
			for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
				alerts.add((String) rule.get("alert"));
			}
		}
		Set<String> fired = new LinkedHashSet<>();
		Set<String> quiet = new LinkedHashSet<>();
		Map<String, Object> unitTests = new Yaml().load(Files.readString(PROMETHEUS.resolve("alerts.test.yml")));
		for (Map<String, Object> test : (List<Map<String, Object>>) unitTests.get("tests")) {
			for (Map<String, Object> check : (List<Map<String, Object>>) test.get("alert_rule_test")) {
				List<Object> expected = (List<Object>) check.get("exp_alerts");
				((expected == null || expected.isEmpty()) ? quiet : fired).add((String) check.get("alertname"));
			}
		}
		assertThat(alerts).as("the alerts the rules define").isNotEmpty();
		assertThat(fired).as("alerts a unit test sees fire").containsAll(alerts);
		assertThat(quiet).as("alerts a unit test sees stay quiet").containsAll(alerts);
	}

	/**
	 * Every query of the dashboard, with Grafana's variables filled in, parsed by
	 * promtool as a recording rule: a typo in a panel fails the build, not the operator's
	 * first look.
	 */
	@Test
	void whenTheDashboardsQueriesAreParsedByPromtoolThenEachIsValidPromql() throws Exception {
		List<String> queries = MetricNames.dashboardQueries();
		assertThat(queries).hasSizeGreaterThan(10);
		StringBuilder file = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
		for (int i = 0; i < queries.size(); i++) {
			String query = queries.get(i)
				.replace("$__rate_interval", "5m")
				.replace("$profile", ".*")
				.replace("'", "''");
			file.append("      - record: dashboard_query_")
				.append(i)
				.append("\n        expr: '")
				.append(query)
				.append("'\n");
		}
		Path rules = Files.createTempFile(Path.of("target"), "dashboard-queries", ".yml");
		Files.writeString(rules, file.toString());
		promtool("check", "rules", rules.toString());
	}

	@Test
	@SuppressWarnings("unchecked")
	void whenGrafanaImportsTheDashboardThenItAsksForAPrometheusDatasource() throws IOException {
		Map<String, Object> dashboard = MetricNames.dashboard();
		assertThat(((Number) dashboard.get("schemaVersion")).intValue()).isGreaterThanOrEqualTo(39);
		List<Map<String, Object>> variables = (List<Map<String, Object>>) ((Map<String, Object>) dashboard
			.get("templating")).get("list");
		assertThat(variables).anySatisfy((variable) -> assertThat(variable).containsEntry("name", "datasource")
			.containsEntry("type", "datasource")
			.containsEntry("query", "prometheus"));
		List<Map<String, Object>> panels = (List<Map<String, Object>>) dashboard.get("panels");
		assertThat(panels.stream().map((panel) -> panel.get("id")).distinct().count()).isEqualTo(panels.size());
		for (Map<String, Object> panel : panels) {
			if (!"row".equals(panel.get("type"))) {
				assertThat((Map<String, Object>) panel.get("datasource")).as("%s", panel.get("title"))
					.containsEntry("uid", "${datasource}");
			}
		}
	}

	/**
	 * Runs promtool and fails with its output unless it exits 0.
	 */
	static void promtool(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(promtool().toString());
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
		assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
	}

	private static Path promtool() {
		Path found = Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator))
			.map((directory) -> Path.of(directory, "promtool"))
			.filter(Files::isExecutable)
			.findFirst()
			.orElse(null);
		if (found == null) {
			String missing = "promtool is missing: install Debian's 'prometheus' package (.ci/run does)";
			if ("true".equals(System.getenv("CI"))) {
				throw new AssertionError(missing);
			}
			Assumptions.abort(missing);
		}
		return found;
	}

}
