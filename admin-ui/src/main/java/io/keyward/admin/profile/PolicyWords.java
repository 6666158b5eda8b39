package io.keyward.admin.profile;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A template's or profile's machine values as an admin reads them on the Profiles page:
 * ISO-8601 durations in their largest whole unit ({@code PT720H} is "30 days",
 * {@code P365D} "1 year") and enum names as words ({@code DIGITAL_SIGNATURE} is "digital
 * signature", {@code CLIENT_AUTH} "client authentication", RFC 5280 section 4.2.1.12).
 * The admin API keeps the machine values; a value this does not know is shown as it is.
 */
public final class PolicyWords {

	/** Words kept in capitals: acronyms an admin reads as such. */
	private static final Set<String> ACRONYMS = Set.of("CA", "RA", "OCSP", "IKE", "DNS", "URI", "UPN", "IP", "SID",
			"MDM", "RSA", "EC", "CRL", "NDES", "SCEP");

	/** Words an enum name abbreviates or spells otherwise. */
	private static final Map<String, String> WORDS = Map.of("AUTH", "authentication", "IPSEC", "IPsec", "SMARTCARD",
			"smart card", "INTUNE", "Intune", "ONE_TIME", "one-time");

	private static final long DAY = Duration.ofDays(1).toSeconds();

	private static final long YEAR = 365 * DAY;

	/** For the templates, which call these through an instance ({@code ${words...}}). */
	static final PolicyWords FOR_PAGES = new PolicyWords();

	private PolicyWords() {
	}

	/**
	 * @param iso an ISO-8601 duration ({@code PT12H}, {@code P365D}) or period
	 * ({@code P1Y})
	 * @return it in its largest whole unit, e.g. "12 hours"; anything else as it is
	 */
	public static String duration(String iso) {
		if (iso == null || iso.isBlank()) {
			return (iso != null) ? iso : "";
		}
		try {
			return seconds(Duration.parse(iso).toSeconds());
		}
		catch (DateTimeParseException ex) {
			return period(iso);
		}
	}

	/**
	 * @param name an enum name such as {@code KEY_ENCIPHERMENT}
	 * @return it as words, e.g. "key encipherment"
	 */
	public static String name(String name) {
		if (name == null) {
			return "";
		}
		if (WORDS.containsKey(name)) {
			return WORDS.get(name);
		}
		List<String> words = new ArrayList<>();
		for (String word : name.split("_")) {
			if (ACRONYMS.contains(word)) {
				words.add(word);
			}
			else {
				words.add(WORDS.getOrDefault(word, word.toLowerCase(Locale.ROOT)));
			}
		}
		return String.join(" ", words);
	}

	/**
	 * @return each name as words, comma-separated; "none" for none
	 */
	public static String names(List<String> names) {
		return (names == null || names.isEmpty()) ? "none"
				: String.join(", ", names.stream().map(PolicyWords::name).toList());
	}

	private static String seconds(long seconds) {
		if (seconds > 0 && seconds % YEAR == 0) {
			return count(seconds / YEAR, "year");
		}
		if (seconds > 0 && seconds % DAY == 0) {
			return count(seconds / DAY, "day");
		}
		if (seconds > 0 && seconds % 3600 == 0) {
			return count(seconds / 3600, "hour");
		}
		if (seconds > 0 && seconds % 60 == 0) {
			return count(seconds / 60, "minute");
		}
		return count(seconds, "second");
	}

	private static String period(String iso) {
		try {
			Period period = Period.parse(iso).normalized();
			if (period.getMonths() == 0 && period.getDays() == 0) {
				return count(period.getYears(), "year");
			}
			if (period.getYears() == 0 && period.getDays() == 0) {
				return count(period.getMonths(), "month");
			}
			return iso;
		}
		catch (DateTimeParseException ex) {
			return iso;
		}
	}

	private static String count(long count, String unit) {
		return count + " " + unit + ((count == 1) ? "" : "s");
	}

}
