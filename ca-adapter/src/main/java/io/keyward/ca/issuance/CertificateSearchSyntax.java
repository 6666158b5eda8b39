package io.keyward.ca.issuance;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.keyward.api.SerialNumbers;
import io.keyward.api.ca.IssuedCertificate;
import io.keyward.edge.problem.InvalidRequest;

/**
 * The search box's small query language (docs/admin-dashboard.md, "Search and export"):
 * free text plus {@code key:value} terms, e.g.
 * {@code laptop status:revoked expires:<30d profile:ios}. Keys: {@code status},
 * {@code profile}, {@code serial}, {@code txid}, {@code subject}, {@code contains},
 * {@code san}, {@code device}, {@code issued}, {@code expires}; a value with spaces goes
 * in double quotes. Any other {@code word:word} stays free text, so
 * {@code dns:host.example} is searched as written. Dates: {@code <}, {@code >} or nothing
 * (that UTC day) before an ISO date or instant, or {@code Nd}: N days ahead of now for
 * {@code expires}, N days ago for {@code issued}. Nothing here reaches SQL as text: every
 * value becomes a bound parameter.
 */
final class CertificateSearchSyntax {

	private static final Pattern TERM = Pattern.compile("([A-Za-z]+):(\"([^\"]*)\"|\\S+)|\"([^\"]*)\"|(\\S+)");

	private static final Pattern RELATIVE = Pattern.compile("(\\d{1,5})d");

	private static final Set<String> STATUSES = Set.of(IssuedCertificate.VALID, IssuedCertificate.REVOKED,
			IssuedCertificate.EXPIRED);

	private static final int MAX_TEXT = 255;

	private final Instant now;

	private final List<String> words = new ArrayList<>();

	private String subject;

	private String san;

	private String contains;

	private String serial;

	private String transactionId;

	private String status;

	private String profile;

	private Instant issuedAfter;

	private Instant issuedBefore;

	private Instant expiresAfter;

	private Instant expiresBefore;

	CertificateSearchSyntax(Instant now) {
		this.now = now;
	}

	CertificateSearchSyntax status(String value) {
		if (value != null && !value.isBlank()) {
			String upper = value.strip().toUpperCase(Locale.ROOT);
			if (!STATUSES.contains(upper)) {
				throw new InvalidRequest("status must be VALID, REVOKED or EXPIRED");
			}
			this.status = once("status", this.status, upper);
		}
		return this;
	}

	CertificateSearchSyntax profile(String value) {
		if (value != null && !value.isBlank()) {
			this.profile = once("profile", this.profile, value.strip());
		}
		return this;
	}

	CertificateSearchSyntax expiresBefore(String value) {
		if (value != null && !value.isBlank()) {
			try {
				this.expiresBefore = Instant.parse(value.strip());
			}
			catch (DateTimeParseException ex) {
				throw new InvalidRequest("expiresBefore must be an ISO-8601 instant, e.g. 2027-01-31T00:00:00Z");
			}
		}
		return this;
	}

	CertificateSearchSyntax parse(String q) {
		if (q == null || q.isBlank()) {
			return this;
		}
		if (q.length() > MAX_TEXT) {
			throw new InvalidRequest("q is longer than " + MAX_TEXT + " characters");
		}
		Matcher term = TERM.matcher(q);
		while (term.find()) {
			if (term.group(1) == null) {
				this.words.add((term.group(4) != null) ? term.group(4) : term.group(5));
				continue;
			}
			String value = (term.group(3) != null) ? term.group(3) : term.group(2);
			if (!term(term.group(1).toLowerCase(Locale.ROOT), value)) {
				this.words.add(term.group());
			}
		}
		return this;
	}

	private boolean term(String key, String value) {
		switch (key) {
			case "status" -> status(value);
			case "profile" -> profile(value);
			case "serial" -> this.serial = once(key, this.serial, value);
			case "txid", "transaction" -> this.transactionId = once(key, this.transactionId, value);
			case "subject" -> this.subject = once(key, this.subject, value);
			case "san" -> this.san = once(key, this.san, value);
			case "contains" -> this.contains = once(key, this.contains, value);
			case "device" -> this.words.add(value);
			case "issued" -> dates(key, value, true);
			case "expires" -> dates(key, value, false);
			default -> {
				return false;
			}
		}
		return true;
	}

	private void dates(String key, String value, boolean past) {
		char bound = value.charAt(0);
		String date = (bound == '<' || bound == '>') ? value.substring(1) : value;
		if (bound != '<' && bound != '>' && RELATIVE.matcher(date).matches()) {
			// issued:7d is the last seven days, expires:30d the next thirty
			bound = past ? '>' : '<';
		}
		Instant from = instant(key, date, past);
		Instant until = date.contains("T") || RELATIVE.matcher(date).matches() ? from : from.plus(Duration.ofDays(1));
		Instant after = (bound == '<') ? null : (bound == '>') ? until : from;
		Instant before = (bound == '>') ? null : (bound == '<') ? from : until;
		if (past) {
			this.issuedAfter = (after != null) ? after : this.issuedAfter;
			this.issuedBefore = (before != null) ? before : this.issuedBefore;
		}
		else {
			this.expiresAfter = (after != null) ? after : this.expiresAfter;
			this.expiresBefore = (before != null) ? before : this.expiresBefore;
		}
	}

	private Instant instant(String key, String date, boolean past) {
		Matcher relative = RELATIVE.matcher(date);
		if (relative.matches()) {
			Duration days = Duration.ofDays(Long.parseLong(relative.group(1)));
			return past ? this.now.minus(days) : this.now.plus(days);
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

	CertificateQuery query(CertificateSort sort, CertificateInventory.Cursor after, int size) {
		String text = this.words.isEmpty() ? null : String.join(" ", this.words);
		List<String> serials = serials((this.serial != null) ? this.serial : text);
		if (this.serial != null && serials.isEmpty()) {
			throw new InvalidRequest("serial: must be a hexadecimal or decimal number");
		}
		return new CertificateQuery(text, this.subject, this.contains, this.san, serials, this.transactionId,
				this.status, this.profile, this.issuedAfter, this.issuedBefore, this.expiresAfter, this.expiresBefore,
				sort, after, size);
	}

	/**
	 * The stored spellings (upper-case hex, no leading zeros) a serial may mean: as hex
	 * (any case, leading zeros, OpenSSL's colons, {@code 0x}) and, when it is all digits,
	 * also as decimal.
	 */
	static List<String> serials(String value) {
		if (value == null) {
			return List.of();
		}
		Set<String> spellings = new LinkedHashSet<>();
		String hex = value.strip().replace(":", "");
		hex = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
		if (hex.matches("[0-9A-Fa-f]{1,64}")) {
			spellings.add(SerialNumbers.key(new BigInteger(hex, 16)));
		}
		if (value.strip().matches("[0-9]{1,78}")) {
			spellings.add(SerialNumbers.key(new BigInteger(value.strip())));
		}
		return List.copyOf(spellings);
	}

	private static String once(String key, String current, String value) {
		if (current != null && !current.equals(value)) {
			throw new InvalidRequest(key + " is given twice with different values");
		}
		return value;
	}

}
