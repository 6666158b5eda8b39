package io.keyward.edge.search;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.keyward.edge.problem.InvalidRequest;

/**
 * The search boxes' small query language (docs/admin-dashboard.md, "Search and export"),
 * shared by the certificate search (ca-adapter) and the request search (scep-gateway):
 * free text plus {@code key:value} terms, a value with spaces in double quotes. Any
 * {@code word:word} whose key the caller does not know stays free text, so
 * {@code dns:host.example} is searched as written. Dates: {@code <}, {@code >} or nothing
 * (that UTC day) before an ISO date or instant, or {@code Nd}. Nothing here reaches SQL
 * as text: callers bind every value as a parameter.
 */
public final class SearchTerms {

	/** The longest query a search box takes. */
	public static final int MAX_TEXT = 255;

	private static final Pattern TERM = Pattern.compile("([A-Za-z]+):(\"([^\"]*)\"|\\S+)|\"([^\"]*)\"|(\\S+)");

	private static final Pattern RELATIVE = Pattern.compile("(\\d{1,5})d");

	private SearchTerms() {
	}

	/**
	 * @param q the search box's text, or null
	 * @param terms takes a lower-case key and its value, and answers whether it knew the
	 * key (it throws {@link InvalidRequest} for a bad value)
	 * @return the free words, in order, with the {@code key:value} terms nobody knew; an
	 * empty {@code ""} is no word
	 * @throws InvalidRequest for a longer text, or a key with an empty value
	 * ({@code subject:""})
	 */
	public static List<String> parse(String q, BiPredicate<String, String> terms) {
		List<String> words = new ArrayList<>();
		if (q == null || q.isBlank()) {
			return words;
		}
		if (q.length() > MAX_TEXT) {
			throw new InvalidRequest("q is longer than " + MAX_TEXT + " characters");
		}
		Matcher term = TERM.matcher(q);
		while (term.find()) {
			if (term.group(1) == null) {
				String word = (term.group(4) != null) ? term.group(4) : term.group(5);
				if (!word.isBlank()) {
					words.add(word);
				}
				continue;
			}
			String value = (term.group(3) != null) ? term.group(3) : term.group(2);
			if (value.isBlank()) {
				throw new InvalidRequest(term.group(1).toLowerCase(Locale.ROOT) + ": needs a value");
			}
			if (!terms.test(term.group(1).toLowerCase(Locale.ROOT), value)) {
				words.add(term.group());
			}
		}
		return words;
	}

	/**
	 * @return the value, when the key was not given before with another value
	 * @throws InvalidRequest when it was
	 */
	public static String once(String key, String current, String value) {
		if (current != null && !current.equals(value)) {
			throw new InvalidRequest(key + " is given twice with different values");
		}
		return value;
	}

	/**
	 * The end of a prefix's range: {@code key >= prefix and key < successor(prefix)} is
	 * every key starting with {@code prefix}, one B-tree range of a column in collation
	 * "C" (where UTF-8 sorts by code point).
	 * @param prefix a non-empty prefix
	 * @return the first string after every string starting with {@code prefix}
	 */
	public static String successor(String prefix) {
		int[] points = prefix.codePoints().toArray();
		points[points.length - 1]++;
		return new String(points, 0, points.length);
	}

	/**
	 * A date term: {@code <2027-01-31} before that day, {@code >2027-01-31} after it,
	 * {@code 2027-01-31} that UTC day, an instant instead of a day, or {@code 30d}: N
	 * days ago (the last N days) when {@code past}, N days ahead (the next N days)
	 * otherwise.
	 * @param key the term's key, for the message of a bad value
	 * @param value what follows the key
	 * @param past whether the dates lie in the past (issued, created) or ahead (expires)
	 * @param now the clock's instant
	 * @return the range; a null end is open
	 */
	public static Range dates(String key, String value, boolean past, Instant now) {
		char bound = value.isEmpty() ? ' ' : value.charAt(0);
		String date = (bound == '<' || bound == '>') ? value.substring(1) : value;
		if (bound != '<' && bound != '>' && RELATIVE.matcher(date).matches()) {
			// issued:7d is the last seven days, expires:30d the next thirty
			bound = past ? '>' : '<';
		}
		Instant from = instant(key, date, past, now);
		Instant until = date.contains("T") || RELATIVE.matcher(date).matches() ? from : from.plus(Duration.ofDays(1));
		Instant after = (bound == '<') ? null : (bound == '>') ? until : from;
		Instant before = (bound == '>') ? null : (bound == '<') ? from : until;
		return new Range(after, before);
	}

	private static Instant instant(String key, String date, boolean past, Instant now) {
		Matcher relative = RELATIVE.matcher(date);
		if (relative.matches()) {
			Duration days = Duration.ofDays(Long.parseLong(relative.group(1)));
			return past ? now.minus(days) : now.plus(days);
		}
		try {
			return date.contains("T") ? Instant.parse(date)
					: LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new InvalidRequest(key + ": takes <, > or nothing before a date (2027-01-31), an instant "
					+ "(2027-01-31T00:00:00Z) or a number of days (30d)");
		}
	}

	/**
	 * A date range of a search term.
	 *
	 * @param after at or after, null for no lower end
	 * @param before before, null for no upper end
	 */
	public record Range(Instant after, Instant before) {

	}

}
