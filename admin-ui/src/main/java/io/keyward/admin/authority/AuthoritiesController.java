package io.keyward.admin.authority;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.keyward.admin.security.Actor;
import io.keyward.admin.web.ApiProblem;
import io.keyward.admin.web.ListView;
import io.keyward.admin.web.Timestamps;
import io.keyward.api.SerialNumbers;
import io.keyward.api.ca.AuthorityCertificate;
import io.keyward.api.ca.CaCertificates;
import io.keyward.edge.pem.CertificatePem;
import io.keyward.api.gateway.RaCertificate;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * CA and RA certificates with the days they have left, and the CA rollover: the next CA
 * and its switch-over date, with a form to prepare or reschedule it.
 */
@Controller
class AuthoritiesController {

	private final Authorities authorities;

	private final Clock clock;

	AuthoritiesController(Authorities authorities, Clock clock) {
		this.authorities = authorities;
		this.clock = clock;
	}

	/**
	 * Sortable columns: expires (the default, the soonest first), role, subject; filters:
	 * text, role.
	 */
	private static final ListView<AuthorityRow> LIST = ListView.<AuthorityRow>at("/authorities")
		.column("expires", Comparator.comparing(AuthorityRow::notAfter).thenComparing(AuthorityRow::role))
		.column("role", Comparator.comparing(AuthorityRow::role).thenComparing(AuthorityRow::notAfter))
		.column("subject", Comparator.comparing(AuthorityRow::subject).thenComparing(AuthorityRow::notAfter))
		.select("role", (row) -> List.of(row.role()))
		.text((row) -> String.join(" ", row.role(), row.state(), row.subject(), row.serial(), row.fingerprint()));

	@GetMapping("/authorities")
	String page(@RequestParam Map<String, String> query, Model model) {
		Instant now = this.clock.instant();
		List<AuthorityRow> rows = new ArrayList<>();
		List<String> problems = new ArrayList<>();
		try {
			for (AuthorityCertificate certificate : this.authorities.ca()) {
				rows.add(AuthorityRow.of(certificate, now));
			}
		}
		catch (ApiProblem ex) {
			problems.add(ex.getMessage());
		}
		try {
			for (RaCertificate certificate : this.authorities.ra()) {
				rows.add(AuthorityRow.of(certificate, now));
			}
		}
		catch (ApiProblem ex) {
			problems.add(ex.getMessage());
		}
		try {
			CaCertificates published = this.authorities.published();
			// the issuing CA is listed above; the certificates it chains to (its root
			// when it is not the root itself) are not listed by the CA's own API
			published.chainPem()
				.stream()
				.skip(1)
				.map(CertificatePem::parse)
				.forEach((certificate) -> rows.add(AuthorityRow.ofChain(certificate, now)));
			model.addAttribute("next", NextCaView.of(published));
		}
		catch (ApiProblem ex) {
			problems.add(ex.getMessage());
		}
		model.addAttribute("list", LIST.page(rows, query));
		model.addAttribute("problem", problems.isEmpty() ? null : String.join("; ", problems));
		return "authorities";
	}

	/**
	 * Prepare the next CA, or move its switch-over (CSRF-protected, recorded as
	 * {@code ca_next_prepared}).
	 * @param switchAt {@code yyyy-MM-ddTHH:mm} in UTC, empty for now
	 */
	@PostMapping("/authorities/next")
	String prepareNext(@RequestParam(required = false) String switchAt, RedirectAttributes redirect) {
		try {
			Instant at = (switchAt == null || switchAt.isBlank()) ? null
					: LocalDateTime.parse(switchAt).toInstant(ZoneOffset.UTC);
			CaCertificates published = this.authorities.prepareNext(at, Actor.current());
			redirect.addFlashAttribute("notice",
					(published.switchAt() != null)
							? "Next CA prepared; it issues from " + Timestamps.utc(published.switchAt()) + " UTC."
							: "Switched to the new CA.");
		}
		catch (DateTimeParseException ex) {
			redirect.addFlashAttribute("rolloverProblem", "switch date must be yyyy-MM-ddTHH:mm (UTC)");
		}
		catch (ApiProblem ex) {
			redirect.addFlashAttribute("rolloverProblem", ex.getMessage());
		}
		return "redirect:/authorities";
	}

	/**
	 * The next CA as the page shows it.
	 *
	 * @param subject its subject, null when none is prepared
	 * @param serial its serial
	 * @param switchAt when it issues, UTC
	 */
	record NextCaView(String subject, String serial, String switchAt) {

		static NextCaView of(CaCertificates published) {
			if (published.nextCaPem().isEmpty()) {
				return new NextCaView(null, null, null);
			}
			X509Certificate next = CertificatePem.parse(published.nextCaPem().get(0));
			return new NextCaView(next.getSubjectX500Principal().getName(), SerialNumbers.hex(next.getSerialNumber()),
					Timestamps.utc(published.switchAt()));
		}

	}

}
