package io.keyward.edge.problem;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Fuzz findings 1, 2 and 10: a parameter PostgreSQL cannot store, a wildcard or
 * unreadable Content-Type and an unreadable Accept header were internal errors (500) or
 * empty bodies; each is now a 4xx problem document that names what is wrong and not the
 * caller's bytes.
 */
class RequestTextFilterTests {

	private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Api(), new Page())
		.setControllerAdvice(new Problems())
		.addFilters(new RequestTextFilter())
		.build();

	@Test
	void whenAQueryParameterHoldsNulThenBadRequestNamingItWithoutTheValue() throws Exception {
		MvcResult result = this.mvc.perform(get("/api/search").param("actor", "adm\u0000secret-value")).andReturn();

		assertProblem(result, 400);
		assertThat(result.getResponse().getContentAsString()).contains("Parameter 'actor'")
			.contains("U+0000")
			.doesNotContain("secret-value");
	}

	@Test
	void whenAParameterHoldsAnUnpairedSurrogateThenBadRequest() throws Exception {
		for (String bad : List.of("\ud83d", "x\ude00", "\ud83dx")) {
			MvcResult result = this.mvc.perform(get("/api/search").param("actor", bad)).andReturn();

			assertProblem(result, 400);
		}
		assertThat(this.mvc.perform(get("/api/search").param("actor", "smile \ud83d\ude00"))
			.andReturn()
			.getResponse()
			.getStatus()).as("a surrogate pair is one character").isEqualTo(200);
	}

	@Test
	void whenAFormParameterOfAPageWithoutProblemAdviceHoldsNulThenTheFilterAnswersBadRequest() throws Exception {
		MvcResult result = this.mvc
			.perform(post("/page").contentType(MediaType.APPLICATION_FORM_URLENCODED).content("comment=a%00b"))
			.andReturn();

		assertProblem(result, 400);
		assertThat(result.getResponse().getContentAsString()).contains("Parameter 'comment'");
	}

	@Test
	void whenAParameterNameHoldsNulThenBadRequestWithoutEchoingIt() throws Exception {
		MvcResult result = this.mvc.perform(get("/api/search").param("actor", "a").param("x\u0000y", "1")).andReturn();

		assertProblem(result, 400);
		assertThat(result.getResponse().getContentAsString()).contains("A parameter name").doesNotContain("x\\u0000y");
	}

	@Test
	void whenTheContentTypeIsAWildcardOrUnreadableThenUnsupportedMediaTypeProblem() throws Exception {
		for (String type : List.of("application/*", "*/*", "application/json;;;=", "json")) {
			MockHttpServletRequestBuilder request = post("/api/echo").header("Content-Type", type).content("{}");

			MvcResult result = this.mvc.perform(request).andReturn();

			assertProblem(result, 415);
		}
	}

	@Test
	void whenTheAcceptHeaderIsUnreadableThenBadRequestProblem() throws Exception {
		MvcResult result = this.mvc.perform(get("/api/search").param("actor", "a").header("Accept", "*/*;q=bogus"))
			.andReturn();

		assertProblem(result, 400);
		assertThat(result.getResponse().getContentAsString()).contains("Accept header");
	}

	@Test
	void whenTheRequestIsFineThenTheHandlerAnswers() throws Exception {
		MvcResult result = this.mvc.perform(get("/api/search").param("actor", "admin:alice")).andReturn();

		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		assertThat(result.getResponse().getContentAsString()).isEqualTo("admin:alice");
	}

	private static void assertProblem(MvcResult result, int status) throws Exception {
		assertThat(result.getResponse().getStatus()).isEqualTo(status);
		assertThat(result.getResponse().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(result.getResponse().getContentAsString()).contains("\"status\":" + status);
	}

	@RestController
	static class Api {

		@GetMapping("/api/search")
		String search(@RequestParam String actor) {
			return actor;
		}

		@PostMapping("/api/echo")
		String echo(@RequestBody String body) {
			return body;
		}

	}

	@Controller
	static class Page {

		@PostMapping("/page")
		@ResponseBody
		String page(@RequestParam String comment) {
			return comment;
		}

	}

	@RestControllerAdvice(annotations = RestController.class)
	static class Problems extends ProblemResponses {

	}

}
