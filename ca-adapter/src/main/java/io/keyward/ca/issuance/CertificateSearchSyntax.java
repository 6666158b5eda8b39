package io.keyward.ca.issuance;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.keyward.api.SerialNumbers;
import io.keyward.api.ca.IssuedCertificate;
import io.keyward.edge.problem.InvalidRequest;
import io.keyward.edge.search.SearchTerms;

/**
 * The search box's small query language (docs/admin-dashboard.md, "Search and export"):
 * free text plus {@code key:value} terms, e.g.
 * {@code laptop status:revoked expires:<30d profile:ios}. Keys: {@code status},
 * {@code profile}, {@code template}, {@code serial}, {@code txid}, {@code subject},
 * {@code contains}, {@code san}, {@code device}, {@code issued}, {@code expires}; a value
 * with spaces goes in double quotes. Any other {@code word:word} stays free text, so
 * {@code dns:host.example} is searched as written. Dates: {@code <}, {@code >} or nothing
 * (that UTC day) before an ISO date or instant, or {@code Nd}: N days ahead of now for
 * {@code expires}, N days ago for {@code issued}. Nothing here reaches SQL as text: every
 * value becomes a bound parameter.
 */
final class CertificateSearchSyntax {

	private static final Set<String> STATUSES = Set.of(IssuedCertificate.VALID, IssuedCertificate.REVOKED,
			IssuedCertificate.EXPIRED);

	private final Instant now;

	private final List<String> words = new ArrayList<>();

	private String subject;

	private String san;

	private String contains;

	private String serial;

	private String transactionId;

	private String status;

	private String profile;

	private String template;

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
		this.words.addAll(SearchTerms.parse(q, this::term));
		return this;
	}

	private boolean term(String key, String value) {
		switch (key) {
			case "status" -> status(value);
			case "profile" -> profile(value);
			case "template" -> this.template = once(key, this.template, value);
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
		SearchTerms.Range range = SearchTerms.dates(key, value, past, this.now);
		if (past) {
			this.issuedAfter = (range.after() != null) ? range.after() : this.issuedAfter;
			this.issuedBefore = (range.before() != null) ? range.before() : this.issuedBefore;
		}
		else {
			this.expiresAfter = (range.after() != null) ? range.after() : this.expiresAfter;
			this.expiresBefore = (range.before() != null) ? range.before() : this.expiresBefore;
		}
	}

	CertificateQuery query(CertificateSort sort, CertificateInventory.Cursor after, int size) {
		String text = this.words.isEmpty() ? null : String.join(" ", this.words);
		List<String> serials = serials((this.serial != null) ? this.serial : text);
		if (this.serial != null && serials.isEmpty()) {
			throw new InvalidRequest("serial: must be a hexadecimal or decimal number");
		}
		return new CertificateQuery(text, this.subject, this.contains, this.san, serials, this.transactionId,
				this.status, this.profile, this.template, this.issuedAfter, this.issuedBefore, this.expiresAfter,
				this.expiresBefore, sort, after, size);
	}

	/**
	 * The stored spellings a serial may mean ({@link SerialNumbers#keys}).
	 */
	static List<String> serials(String value) {
		return SerialNumbers.keys(value);
	}

	private static String once(String key, String current, String value) {
		return SearchTerms.once(key, current, value);
	}

}
