package io.keyward.admin.security;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import io.keyward.admin.AdminUiTestSupport;
import io.keyward.admin.Browser;
import io.keyward.admin.FakeServices;
import io.keyward.admin.account.AdminRole;
import io.keyward.admin.token.AdminScope;
import io.keyward.admin.token.AdminTokens;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route the admin-ui maps, read from Spring MVC's own handler mapping (a route
 * added later is checked without touching this test), called over real HTTP by each kind
 * of caller: nobody, an auditor, an approver, an administrator, and admin API tokens
 * holding one scope each.
 */
class RouteAuthorizationTests extends AdminUiTestSupport {

	/**
	 * Stands in for every path variable: no id, serial or username of that value exists.
	 */
	private static final String ABSENT = "999999999";

	/** Open to everyone (the sign-in page, the error page). */
	private static final Set<String> OPEN = Set.of("/login", "/error");

	/**
	 * Changes any signed-in admin may make (sign-out is a filter, not a mapped route).
	 */
	private static final Set<String> ANYONE_MAY = Set.of("POST /account/password");

	/** Changes an approver may make besides. */
	private static final Set<String> APPROVER_MAY = Set.of("POST /requests/{id}/approve", "POST /requests/{id}/reject");

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping handlerMapping;

	@Autowired
	private AdminTokens tokens;

	@AfterEach
	void forgetFakeChanges() {
		FakeServices.get().reset();
	}

	@Test
	void whenRoutesAreEnumeratedThenPagesApiAndTheListedExceptionsAreAmongThem() {
		List<String> keys = routes().stream().map(Route::key).toList();

		assertThat(keys)
			.contains("GET /admins", "POST /admins", "POST /admins/{username}/disable", "GET /api/v1/admins",
					"POST /api/v1/admins", "GET /certificates", "POST /tokens")
			.containsAll(ANYONE_MAY)
			.containsAll(APPROVER_MAY)
			.hasSizeGreaterThan(50);
	}

	@Test
	void whenAnonymousThenPagesSendToSignInAndTheApiAnswers401() {
		SoftAssertions softly = new SoftAssertions();
		Browser anonymous = browser();
		String csrf = Browser.csrfToken(anonymous.get("/login").body());
		for (Route route : routes()) {
			if (route.api()) {
				softly.assertThat(api(null).send(route.method(), route.path()).statusCode())
					.as(route.key())
					.isEqualTo(401);
			}
			else {
				HttpResponse<String> answer = route.change()
						? anonymous.submit(route.method(), route.path(), Map.of("_csrf", csrf))
						: anonymous.get(route.path());
				softly.assertThat(answer.statusCode()).as(route.key()).isEqualTo(302);
				softly.assertThat(answer.headers().firstValue("Location").orElse(""))
					.as(route.key())
					.endsWith("/login");
			}
		}
		softly.assertAll();
	}

	@Test
	void whenAuditorThenEveryPageReadsAndEveryChangeButItsOwnPasswordIsRefused() {
		assertRoleOnEveryPage(signedInAs("auditor-" + suffix(), AdminRole.AUDITOR), "AUDITOR", ANYONE_MAY);
	}

	@Test
	void whenApproverThenEveryPageReadsAndOnlyDecisionsAndItsOwnPasswordAreAllowed() {
		Set<String> allowed = new java.util.HashSet<>(ANYONE_MAY);
		allowed.addAll(APPROVER_MAY);
		assertRoleOnEveryPage(signedInAs("approver-" + suffix(), AdminRole.APPROVER), "APPROVER", allowed);
	}

	@Test
	void whenAdministratorThenNoPageOrChangeIsRefused() {
		Browser administrator = signedIn();
		String csrf = Browser.csrfToken(administrator.get("/account/password").body());
		SoftAssertions softly = new SoftAssertions();
		for (Route route : pages()) {
			HttpResponse<String> answer = route.change()
					? administrator.submit(route.method(), route.path(), Map.of("_csrf", csrf))
					: administrator.get(route.path());
			softly.assertThat(answer.statusCode()).as(route.key()).isNotEqualTo(403);
			softly.assertThat(answer.headers().firstValue("Location").orElse(""))
				.as(route.key())
				.doesNotEndWith("/login");
		}
		softly.assertAll();
		assertThat(administrator.get("/").statusCode()).as("still signed in").isEqualTo(200);
	}

	/**
	 * Each API route is allowed by exactly one scope and answers 403 to a token holding
	 * any other; the OpenAPI description is for any token.
	 */
	@Test
	void whenTokenLacksTheRouteScopeThenForbiddenAndExactlyOneScopeAllowsEachRoute() {
		Map<AdminScope, String> single = new TreeMap<>();
		for (AdminScope scope : AdminScope.values()) {
			single.put(scope, this.tokens.create("only-" + suffix(), List.of(scope), "admin:test").secret());
		}
		SoftAssertions softly = new SoftAssertions();
		for (Route route : routes().stream().filter(Route::api).toList()) {
			List<AdminScope> allowing = new ArrayList<>();
			for (Map.Entry<AdminScope, String> token : single.entrySet()) {
				int status = api(token.getValue()).send(route.method(), route.path()).statusCode();
				softly.assertThat(status).as("%s with %s", route.key(), token.getKey()).isNotEqualTo(401);
				if (status != 403) {
					allowing.add(token.getKey());
				}
			}
			if (route.pattern().startsWith("/api/v1/openapi")) {
				softly.assertThat(allowing).as(route.key()).hasSize(AdminScope.values().length);
			}
			else {
				softly.assertThat(allowing).as(route.key()).hasSize(1);
			}
		}
		softly.assertAll();
	}

	private void assertRoleOnEveryPage(Browser browser, String role, Set<String> allowedChanges) {
		String csrf = Browser.csrfToken(browser.get("/account/password").body());
		SoftAssertions softly = new SoftAssertions();
		for (Route route : pages()) {
			if (!route.change()) {
				HttpResponse<String> page = browser.get(route.path());
				softly.assertThat(page.statusCode()).as(route.key()).isNotEqualTo(403);
				// a page read without parameters is never the dashboard's own failure
				softly.assertThat(page.statusCode()).as(route.key() + " without parameters").isNotEqualTo(500);
				softly.assertThat(page.headers().firstValue("Location").orElse(""))
					.as(route.key())
					.doesNotEndWith("/login");
				continue;
			}
			HttpResponse<String> answer = browser.submit(route.method(), route.path(), Map.of("_csrf", csrf));
			if (allowedChanges.contains(route.key())) {
				softly.assertThat(answer.statusCode()).as(route.key()).isNotEqualTo(403);
			}
			else {
				softly.assertThat(answer.statusCode()).as(route.key()).isEqualTo(403);
				softly.assertThat(answer.body())
					.as(route.key())
					.contains("Your role (" + role + ") may read this dashboard but not make this change.");
			}
		}
		softly.assertAll();
		assertThat(browser.get("/").statusCode()).as("still signed in").isEqualTo(200);
	}

	private List<Route> pages() {
		return routes().stream().filter((route) -> !route.api()).toList();
	}

	/**
	 * @return every mapped method and path pattern, but the open pages; a mapping without
	 * methods stands for GET and POST
	 */
	private List<Route> routes() {
		List<Route> routes = new ArrayList<>();
		for (RequestMappingInfo info : this.handlerMapping.getHandlerMethods().keySet()) {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			for (String pattern : info.getPatternValues()) {
				if (OPEN.contains(pattern)) {
					continue;
				}
				for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET, RequestMethod.POST)
						: methods) {
					routes.add(new Route(method.name(), pattern));
				}
			}
		}
		routes.sort(Comparator.comparing(Route::key));
		return routes;
	}

	private static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

	/**
	 * One method on one path pattern.
	 */
	record Route(String method, String pattern) {

		String key() {
			return this.method + " " + this.pattern;
		}

		String path() {
			return this.pattern.replaceAll("\\{[^}]+}", ABSENT);
		}

		boolean api() {
			return this.pattern.startsWith("/api/");
		}

		boolean change() {
			return !"GET".equals(this.method) && !"HEAD".equals(this.method);
		}

	}

}
