package io.keyward.edge.search;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.keyward.edge.problem.InvalidRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The search language both search boxes share: words, known and unknown terms, quoted
 * values, date ranges and cursors.
 */
class SearchTermsTests {

	private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

	@Test
	void whenTextMixesWordsAndTermsThenKnownTermsGoToTheCallerAndTheRestStaysText() {
		Map<String, String> terms = new LinkedHashMap<>();
		List<String> words = SearchTerms.parse(
				"laptop Status:issued dns:host.example \"two words\" \"\" " + "subject:\"CN=Printer floor 2\"",
				(key, value) -> {
					if (key.equals("dns")) {
						return false;
					}
					terms.put(key, value);
					return true;
				});

		assertThat(words).containsExactly("laptop", "dns:host.example", "two words");
		assertThat(terms).containsEntry("status", "issued").containsEntry("subject", "CN=Printer floor 2");
	}

	@Test
	void whenATermIsEmptyOrTheTextTooLongThenInvalidRequestNamingIt() {
		assertThatThrownBy(() -> SearchTerms.parse("profile:\"\"", (key, value) -> true))
			.isInstanceOf(InvalidRequest.class)
			.hasMessage("profile: needs a value");
		assertThatThrownBy(() -> SearchTerms.parse("x".repeat(256), (key, value) -> true))
			.isInstanceOf(InvalidRequest.class);
		assertThatThrownBy(() -> SearchTerms.once("serial", "01", "02")).isInstanceOf(InvalidRequest.class);
		assertThat(SearchTerms.once("serial", "01", "01")).isEqualTo("01");
	}

	@Test
	void whenDatesAreGivenThenTheRangeIsThatDayBeforeAfterOrTheLastDays() {
		Instant day = Instant.parse("2026-01-15T00:00:00Z");
		Instant next = Instant.parse("2026-01-16T00:00:00Z");
		assertThat(SearchTerms.dates("issued", "2026-01-15", true, NOW)).isEqualTo(new SearchTerms.Range(day, next));
		assertThat(SearchTerms.dates("issued", "<2026-01-15", true, NOW)).isEqualTo(new SearchTerms.Range(null, day));
		assertThat(SearchTerms.dates("issued", ">2026-01-15", true, NOW)).isEqualTo(new SearchTerms.Range(next, null));
		assertThat(SearchTerms.dates("issued", "7d", true, NOW))
			.isEqualTo(new SearchTerms.Range(Instant.parse("2026-03-03T12:00:00Z"), null));
		assertThat(SearchTerms.dates("expires", "30d", false, NOW))
			.isEqualTo(new SearchTerms.Range(null, Instant.parse("2026-04-09T12:00:00Z")));
		assertThatThrownBy(() -> SearchTerms.dates("from", "soon", true, NOW)).isInstanceOf(InvalidRequest.class)
			.hasMessageStartingWith("from: takes");
	}

	@Test
	void whenACursorComesBackThenItsKeyMayHoldTheSeparatorAndAnotherOrderIsRefused() {
		String cursor = new KeysetCursor("subject:asc", "cn=a|b", "42").encode();

		assertThat(KeysetCursor.decode(cursor, "subject:asc"))
			.isEqualTo(new KeysetCursor("subject:asc", "cn=a|b", "42"));
		assertThatThrownBy(() -> KeysetCursor.decode(cursor, "created:desc")).isInstanceOf(InvalidRequest.class)
			.hasMessage("after is a cursor of another sort order");
		assertThatThrownBy(() -> KeysetCursor.decode("!!", "created:desc")).isInstanceOf(InvalidRequest.class);
		assertThatThrownBy(() -> KeysetCursor.decode("YWJj", "created:desc")).isInstanceOf(InvalidRequest.class);
	}

	@Test
	void whenAPrefixIsGivenThenItsSuccessorBoundsExactlyTheKeysStartingWithIt() {
		assertThat(SearchTerms.successor("device-7")).isEqualTo("device-8");
		assertThat(SearchTerms.successor("acme")).isGreaterThan("acme\uffff").isLessThanOrEqualTo("acmf");
		// by code point, past the BMP too (collation "C" orders UTF-8 that way)
		assertThat(SearchTerms.successor("x\uD83D\uDE00")).isEqualTo("x\uD83D\uDE01");
	}

}
