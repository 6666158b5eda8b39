package io.keyward.edge.problem;

import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;

import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Fuzz findings 8 and 9: {@code /error} asked for directly answered 500
 * {@code "status":999}; what the container forwards there (a firewall refusal, TRACE, an
 * undeclared method, an unknown path) answered Spring Boot's own JSON. Each is now a
 * problem document with the status the request was refused with.
 */
class ProblemErrorControllerTests {

	@Test
	void whenErrorIsAskedForDirectlyThenNotFoundProblem() throws Exception {
		MvcResult result = mvc(false).perform(get("/error")).andReturn();

		assertProblem(result, 404);
		assertThat(result.getResponse().getContentAsString()).doesNotContain("999");
	}

	@Test
	void whenTheContainerForwardsARefusalThenProblemWithItsStatusAndNoInternals() throws Exception {
		for (int status : List.of(400, 404, 405, 500)) {
			MvcResult result = mvc(false)
				.perform(forwarded(status, "/api/v1/admins").header("Accept", "text/plain")
					.requestAttr(RequestDispatcher.ERROR_EXCEPTION, new IllegalStateException("/var/lib/secret")))
				.andReturn();

			assertProblem(result, status);
			assertThat(result.getResponse().getContentAsString()).contains("\"instance\":\"/api/v1/admins\"")
				.doesNotContain("secret")
				.doesNotContain("timestamp");
		}
	}

	@Test
	void whenTheServiceHasAnErrorPageThenABrowserGetsItOutsideTheApi() throws Exception {
		MvcResult page = mvc(true).perform(forwarded(404, "/certificates/0A").accept(MediaType.TEXT_HTML)).andReturn();
		MvcResult api = mvc(true).perform(forwarded(404, "/api/v1/certificates/0A").accept(MediaType.TEXT_HTML))
			.andReturn();
		MvcResult script = mvc(true).perform(forwarded(404, "/certificates/0A").accept(MediaType.ALL)).andReturn();

		assertThat(page.getResponse().getStatus()).isEqualTo(404);
		assertThat(page.getResponse().getContentAsString()).isEqualTo("page error");
		assertProblem(api, 404);
		assertProblem(script, 404);
	}

	@Test
	void whenTheServiceHasNoErrorPageThenABrowserGetsTheProblemToo() throws Exception {
		assertProblem(mvc(false).perform(forwarded(405, "/scep/x").accept(MediaType.TEXT_HTML)).andReturn(), 405);
	}

	private static MockMvc mvc(boolean htmlPage) {
		return MockMvcBuilders
			.standaloneSetup(new ProblemErrorController(new DefaultErrorAttributes(), List.of(), htmlPage))
			.setViewResolvers(
					(name, locale) -> (model, request, response) -> response.getWriter().write("page " + name))
			.build();
	}

	private static MockHttpServletRequestBuilder forwarded(int status, String path) {
		return get("/error").with((request) -> {
			request.setDispatcherType(DispatcherType.ERROR);
			return request;
		})
			.requestAttr(RequestDispatcher.ERROR_STATUS_CODE, status)
			.requestAttr(RequestDispatcher.ERROR_REQUEST_URI, path);
	}

	private static void assertProblem(MvcResult result, int status) throws Exception {
		assertThat(result.getResponse().getStatus()).isEqualTo(status);
		assertThat(result.getResponse().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(result.getResponse().getContentAsString()).contains("\"status\":" + status);
	}

}
