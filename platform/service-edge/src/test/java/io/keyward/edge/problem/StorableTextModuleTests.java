package io.keyward.edge.problem;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Fuzz findings 1 and 5: a JSON string with U+0000 reached PostgreSQL (500), one with an
 * unpaired surrogate the CertRep's UTF-8 encoder (500). Every string of a body, however
 * deep, is now refused while the body is read: 400 naming the field.
 */
class StorableTextModuleTests {

	private final JsonMapper json = JsonMapper.builder().addModule(new StorableTextModule()).build();

	private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Api())
		.setControllerAdvice(new Problems())
		.setMessageConverters(new JacksonJsonHttpMessageConverter(this.json))
		.build();

	@Test
	void whenAnyStringOfTheBodyCannotBeStoredThenBadRequestNamingTheField() throws Exception {
		Map<String, String> cases = Map.of("{\"name\":\"a\\u0000b\"}", "JSON field 'name'",
				"{\"name\":\"n\",\"scopes\":[\"ok\",\"\\ud83d\"]}", "JSON field 'scopes[1]'",
				"{\"name\":\"n\",\"labels\":{\"site\":\"x\\u0000\"}}", "JSON field 'labels.site'",
				"{\"name\":\"n\",\"labels\":{\"s\\u0000\":\"x\"}}", "JSON field 'labels",
				"{\"name\":\"n\",\"owner\":{\"name\":\"\\ude00\"}}", "JSON field 'owner.name'",
				"{\"name\":\"n\",\"aliases\":[\"\\u0000\"]}", "JSON field 'aliases[0]'",
				"{\"name\":\"n\",\"extra\":{\"deep\":[\"\\u0000\"]}}", "JSON field 'extra.deep");
		for (Map.Entry<String, String> each : cases.entrySet()) {
			MvcResult result = this.mvc
				.perform(post("/clients").contentType(MediaType.APPLICATION_JSON).content(each.getKey()))
				.andReturn();

			assertThat(result.getResponse().getStatus()).as(each.getKey()).isEqualTo(400);
			assertThat(result.getResponse().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			assertThat(result.getResponse().getContentAsString()).as(each.getKey())
				.contains(each.getValue())
				.contains("U+0000");
		}
	}

	@Test
	void whenTheStringsCanBeStoredThenTheyAreReadUnchanged() throws Exception {
		Client client = this.json.readValue(
				"{\"name\":\"n \\ud83d\\ude00\",\"scopes\":[\"a\"],\"labels\":{\"k\":\"v\"},\"aliases\":[\"x\"]}",
				Client.class);

		assertThat(client.name()).isEqualTo("n \ud83d\ude00");
		assertThat(client.scopes()).containsExactly("a");
		assertThat(client.labels()).containsEntry("k", "v");
		assertThat(client.aliases()).containsExactly("x");
	}

	@Test
	void whenABodyIsMalformedOtherwiseThenSpringsOwnDetail() throws Exception {
		MvcResult result = this.mvc
			.perform(post("/clients").contentType(MediaType.APPLICATION_JSON).content("{\"name\":"))
			.andReturn();

		assertThat(result.getResponse().getStatus()).isEqualTo(400);
		assertThat(result.getResponse().getContentAsString()).contains("Failed to read request");
	}

	record Owner(String name) {
	}

	record Client(String name, List<String> scopes, Map<String, String> labels, Owner owner, String[] aliases,
			Map<String, Object> extra) {
	}

	@RestController
	static class Api {

		@PostMapping("/clients")
		String create(@RequestBody Client client) {
			return client.name();
		}

	}

	@RestControllerAdvice
	static class Problems extends ProblemResponses {

	}

}
