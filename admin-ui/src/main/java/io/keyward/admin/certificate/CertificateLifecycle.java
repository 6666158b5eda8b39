package io.keyward.admin.certificate;

import static io.keyward.admin.web.FormValues.blankToNull;

import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.keyward.admin.audit.AdminAction;
import io.keyward.admin.audit.AdminActions;
import io.keyward.admin.web.ApiProblem;
import io.keyward.admin.web.Upstream;
import io.keyward.api.SerialNumbers;
import io.keyward.api.ca.CertificateAuthorityClient;
import io.keyward.api.ca.CertificateSearchPage;
import io.keyward.api.ca.IssuedCertificate;
import io.keyward.api.ca.RevokeRequest;
import io.keyward.api.gateway.EnrollmentLogClient;
import io.keyward.api.gateway.EnrollmentTransaction;
import io.keyward.api.gateway.TransactionPage;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * What admins do with certificates, for the admin API and the dashboard alike: search,
 * read, revoke. The ca-adapter carries each action out and records who asked; this side
 * checks the input and records the action in the admin trail.
 */
@Service
public class CertificateLifecycle {

	static final String SERVICE = "ca-adapter";

	/** RFC 5280 section 5.3.1 CRLReason names, as the ca-adapter takes them. */
	static final List<String> REASONS = List.of("unspecified", "keyCompromise", "cACompromise", "affiliationChanged",
			"superseded", "cessationOfOperation", "certificateHold", "privilegeWithdrawn", "aACompromise");

	static final Set<String> STATUSES = Set.of("VALID", "REVOKED", "EXPIRED");

	static final int MAX_PAGE_SIZE = 500;

	static final int MAX_COMMENT_LENGTH = 1000;

	private final CertificateAuthorityClient ca;

	private final AdminActions actions;

	private final EnrollmentLogClient gateway;

	CertificateLifecycle(CertificateAuthorityClient ca, AdminActions actions, EnrollmentLogClient gateway) {
		this.ca = ca;
		this.actions = actions;
		this.gateway = gateway;
	}

	public CertificateSearchPage search(CertificateQuery query) {
		if (query.status() != null && !STATUSES.contains(query.status())) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "status must be one of VALID, REVOKED, EXPIRED");
		}
		if (query.size() < 1 || query.size() > MAX_PAGE_SIZE) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "size must be between 1 and " + MAX_PAGE_SIZE);
		}
		return Upstream.call(SERVICE, () -> this.ca.search(query.q(), query.status(), query.profile(),
				query.expiresBefore(), query.after(), query.size(), query.sort()));
	}

	public IssuedCertificate find(String serial) {
		return Upstream.call(SERVICE, () -> this.ca.certificate(checkedSerial(serial)));
	}

	/**
	 * The SCEP transaction that produced a certificate, as the gateway recorded it (when
	 * it arrived, who approved it): found by profile and transactionID, and among the
	 * transactions sharing that transactionID (renewals) by the certificate's serial.
	 * @return the transaction, empty when issued outside SCEP or the gateway cannot say
	 */
	public Optional<EnrollmentTransaction> request(IssuedCertificate certificate) {
		if (certificate.transactionId() == null || certificate.profile() == null) {
			return Optional.empty();
		}
		try {
			TransactionPage page = Upstream.call("scep-gateway", () -> this.gateway
				.transactionsWithId(certificate.profile(), certificate.transactionId(), 0, MAX_PAGE_SIZE));
			return page.items()
				.stream()
				.filter((transaction) -> sameSerial(transaction.certificateSerial(), certificate.serialNumber()))
				.findFirst();
		}
		catch (ApiProblem ex) {
			return Optional.empty();
		}
	}

	private static boolean sameSerial(String a, String b) {
		return a != null && b != null && new BigInteger(a, 16).equals(new BigInteger(b, 16));
	}

	/**
	 * @param serial hex serial
	 * @param reason an RFC 5280 reason name
	 * @param comment why, may be null
	 * @param actor who asks
	 * @return the certificate as revoked
	 */
	public IssuedCertificate revoke(String serial, String reason, String comment, String actor) {
		String checked = checkedSerial(serial);
		if (reason == null || !REASONS.contains(reason)) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "reason must be one of " + String.join(", ", REASONS));
		}
		if (comment != null && comment.length() > MAX_COMMENT_LENGTH) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST,
					"comment must be at most " + MAX_COMMENT_LENGTH + " characters");
		}
		IssuedCertificate revoked = Upstream.call(SERVICE,
				() -> this.ca.revoke(checked, new RevokeRequest(reason, blankToNull(comment), actor)));
		this.actions.record(actor, "certificate_revoked", target(revoked.serialNumber()), "reason=" + reason);
		return revoked;
	}

	/**
	 * Records written before serials were shown padded name the certificate by its stored
	 * form, without leading zeros ({@code certificate:FCB04A6…} for {@code 0FCB04A6…});
	 * the hash chain covers those targets, so they are read under both spellings, never
	 * rewritten.
	 * @param serial the certificate's serial, any hex spelling
	 * @return what admins did to it, oldest first
	 */
	public List<AdminAction> adminActions(String serial) {
		Set<String> targets = new LinkedHashSet<>();
		targets.add(target(serial));
		SerialNumbers.parse(serial).ifPresent((number) -> {
			targets.add(target(SerialNumbers.hex(number)));
			targets.add(target(SerialNumbers.key(number)));
		});
		return this.actions.on(List.copyOf(targets));
	}

	static String target(String serial) {
		return "certificate:" + serial;
	}

	private static String checkedSerial(String serial) {
		String hex = (serial != null) ? serial.strip().replace(":", "") : "";
		if (!hex.matches("[0-9A-Fa-f]{1,64}")) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "serial must be a hexadecimal number");
		}
		return hex;
	}

	/**
	 * A certificate search.
	 *
	 * @param q the search box: free text (the start of any subject RDN or SAN value, a
	 * SAN, serial in hex or decimal, transactionID) and {@code key:value} terms
	 * (docs/admin-dashboard.md)
	 * @param status VALID, REVOKED or EXPIRED, null for all
	 * @param profile enrollment profile, null for all
	 * @param expiresBefore only those expiring before, null for all
	 * @param after the cursor of the previous page, null for the first
	 * @param size rows per page
	 * @param sort {@code issued}, {@code expires} or {@code subject}, optionally
	 * {@code :asc} or {@code :desc}; null for newest issued first
	 */
	public record CertificateQuery(String q, String status, String profile, Instant expiresBefore, String after,
			int size, String sort) {
	}

}
