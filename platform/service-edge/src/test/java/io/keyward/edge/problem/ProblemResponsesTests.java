package io.keyward.edge.problem;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * A caller's mistake is a 400 with the message written for it; anything else is a 500
 * with a correlation id and none of the exception's text (issue 13: every
 * IllegalArgumentException used to become a 400 with its raw message).
 */
class ProblemResponsesTests {

	private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Failing())
		.setControllerAdvice(new Problems())
		.build();

	@Test
	void whenAnInternalIllegalArgumentEscapesThenServerErrorWithCorrelationIdAndNoInternalText() throws Exception {
		MvcResult result = this.mvc.perform(get("/internal")).andReturn();

		String body = result.getResponse().getContentAsString();
		assertThat(result.getResponse().getStatus()).isEqualTo(500);
		assertThat(result.getResponse().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(body).doesNotContain("/var/lib").doesNotContain("Illegal").contains("\"correlationId\":\"");
		assertThat(body).containsPattern("correlation id [0-9a-f]{16}");
	}

	@Test
	void whenTheCallerErrsThenBadRequestWithTheMessageWrittenForIt() throws Exception {
		MvcResult result = this.mvc.perform(get("/mistake")).andReturn();

		assertThat(result.getResponse().getStatus()).isEqualTo(400);
		assertThat(result.getResponse().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(result.getResponse().getContentAsString()).contains("\"detail\":\"size must be 1 or more\"");
	}

	@Test
	void whenSpringMvcRefusesTheRequestThenItsOwnClientErrorStatus() throws Exception {
		MvcResult result = this.mvc.perform(get("/no-such-path")).andReturn();

		assertThat(result.getResponse().getStatus()).isEqualTo(404);
	}

	@RestController
	static class Failing {

		@GetMapping("/internal")
		String internal() {
			throw new IllegalArgumentException("Illegal base64 character in /var/lib/keyward/secret");
		}

		@GetMapping("/mistake")
		String mistake() {
			throw new InvalidRequest("size must be 1 or more");
		}

	}

	@RestControllerAdvice
	static class Problems extends ProblemResponses {

	}

}
