package io.keyward.admin.certificate;

import static io.keyward.admin.web.FormValues.blankToNull;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import io.keyward.admin.AdminProperties;
import io.keyward.admin.security.Actor;
import io.keyward.admin.web.ApiProblem;
import io.keyward.admin.web.RemoteCall;
import io.keyward.admin.web.SearchFilters;
import io.keyward.api.ca.CertificateAuthorityClient;
import io.keyward.api.ca.CertificateSearchPage;
import io.keyward.api.ca.CertificateTemplatePolicy;
import io.keyward.api.ca.IssuedCertificate;
import io.keyward.api.gateway.ScepProfile;
import io.keyward.api.gateway.ScepProfileClient;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The certificate pages: search with keyset paging, a certificate's detail with its
 * history, PEM and DER download, and the revoke form (CSRF-protected like every form).
 */
@Controller
class CertificatesController {

	private final CertificateLifecycle lifecycle;

	private final CertificateAuthorityClient ca;

	private final AdminProperties properties;

	private final EnrollmentTrail trail;

	private final ScepProfileClient profiles;

	CertificatesController(CertificateLifecycle lifecycle, CertificateAuthorityClient ca, AdminProperties properties,
			EnrollmentTrail trail, ScepProfileClient profiles) {
		this.trail = trail;
		this.profiles = profiles;
		this.lifecycle = lifecycle;
		this.ca = ca;
		this.properties = properties;
	}

	/**
	 * @return the page's per-column filters as search terms: profile, template and
	 * expiring within N days ({@code expires:<Nd})
	 */
	static SearchFilters filters(String profile, String template, String expiring) {
		return new SearchFilters().add("profile", profile, "profile")
			.add("template", template, "template")
			.add("expiring", expiring, "expires", (days) -> "<" + days + "d");
	}

	@GetMapping("/certificates")
	String certificates(@RequestParam(required = false) String q, @RequestParam(required = false) String status,
			@RequestParam(required = false) String sort, @RequestParam(required = false) String after,
			@RequestParam(required = false) String profile, @RequestParam(required = false) String template,
			@RequestParam(required = false) String expiring, Model model) {
		String query = blankToNull(q);
		String state = blankToNull(status);
		String order = blankToNull(sort);
		SearchFilters filters = filters(profile, template, expiring);
		String searched = blankToNull(filters.query(query));
		RemoteCall<CertificateSearchPage> call = RemoteCall.of("ca-adapter", this.properties.caUrl(),
				this.properties.hasServiceToken(), () -> this.ca.search(searched, state, null, null, blankToNull(after),
						this.properties.pageSize(), order));
		List<CertificateRow> rows = List.of();
		String next = null;
		if (call.ok() && call.value() != null) {
			CertificateSearchPage answer = call.value();
			rows = (answer.items() != null) ? answer.items().stream().map(CertificateRow::of).toList() : List.of();
			if (answer.nextCursor() != null) {
				next = searchLink("/certificates", query, state, order, filters)
					.queryParam("after", answer.nextCursor())
					.encode()
					.toUriString();
			}
		}
		model.addAttribute("problem", call.problem());
		model.addAttribute("rows", rows);
		model.addAttribute("q", (query != null) ? query : "");
		model.addAttribute("status", (state != null) ? state : "");
		model.addAttribute("sort", (order != null) ? order : "");
		model.addAttribute("statuses", List.of("VALID", "REVOKED", "EXPIRED"));
		model.addAttribute("filters", filters);
		model.addAttribute("filtered", searched != null || state != null);
		model.addAttribute("profiles", names(this.profiles::profiles, ScepProfile::name, this.properties.gatewayUrl()));
		model.addAttribute("templates",
				names(this.ca::templates, CertificateTemplatePolicy::name, this.properties.caUrl()));
		model.addAttribute("expiringDays", List.of("7", "30", "90"));
		model.addAttribute("firstPage", after == null || after.isBlank());
		model.addAttribute("next", next);
		model.addAttribute("first", searchLink("/certificates", query, state, order, filters).encode().toUriString());
		model.addAttribute("csv", searchLink("/certificates.csv", query, state, order, filters).encode().toUriString());
		model.addAttribute("orders", SortLinks.certificates(order,
				(column) -> searchLink("/certificates", query, state, column, filters).encode().toUriString()));
		return "certificates";
	}

	/**
	 * @return the names a filter's select box offers, none when the service cannot say
	 * (the search still works with the term typed)
	 */
	private <T> List<String> names(Supplier<List<T>> call, Function<T, String> name, URI service) {
		RemoteCall<List<T>> answer = RemoteCall.of("filter choices", service, this.properties.hasServiceToken(), call);
		return (answer.value() != null) ? answer.value().stream().map(name).sorted().toList() : List.of();
	}

	static UriComponentsBuilder searchLink(String path, String query, String state, String order,
			SearchFilters filters) {
		return filters.link(path, query, null)
			.queryParamIfPresent("status", Optional.ofNullable(state))
			.queryParamIfPresent("sort", Optional.ofNullable(order));
	}

	@GetMapping("/certificates/{serial}")
	String certificate(@PathVariable String serial, Model model) {
		IssuedCertificate certificate = this.lifecycle.find(serial);
		model.addAttribute("certificate", certificate);
		model.addAttribute("fields", CertificateFields.decode(certificate.certificatePem()));
		model.addAttribute("history", CertificateEvent.history(certificate, this.lifecycle.request(certificate),
				this.lifecycle.adminActions(certificate.serialNumber()), this.trail.of(certificate)));
		model.addAttribute("reasons", CertificateLifecycle.REASONS);
		return "certificate";
	}

	@GetMapping("/certificates/{serial}/pem")
	ResponseEntity<String> pem(@PathVariable String serial) {
		IssuedCertificate certificate = this.lifecycle.find(serial);
		return download(certificate.serialNumber() + ".pem", MediaType.parseMediaType("application/x-pem-file"))
			.body(certificate.certificatePem());
	}

	@GetMapping("/certificates/{serial}/der")
	ResponseEntity<byte[]> der(@PathVariable String serial) {
		IssuedCertificate certificate = this.lifecycle.find(serial);
		return download(certificate.serialNumber() + ".cer", MediaType.parseMediaType("application/pkix-cert"))
			.body(CertificateFields.decode(certificate.certificatePem()).der());
	}

	@PostMapping("/certificates/{serial}/revoke")
	String revoke(@PathVariable String serial, @RequestParam String reason,
			@RequestParam(required = false) String comment, @RequestParam(required = false) String confirm,
			RedirectAttributes redirect) {
		if (!"yes".equals(confirm)) {
			// the form's checkbox is required; a browser without that check still asks
			// twice
			redirect.addFlashAttribute("problem", "Nothing revoked: tick the confirmation to revoke the certificate.");
			return "redirect:/certificates/{serial}";
		}
		try {
			IssuedCertificate revoked = this.lifecycle.revoke(serial, reason, comment, Actor.current());
			redirect.addFlashAttribute("notice",
					"Certificate " + revoked.serialNumber() + " revoked (" + reason + ").");
		}
		catch (ApiProblem ex) {
			redirect.addFlashAttribute("problem", ex.getMessage());
		}
		return "redirect:/certificates/{serial}";
	}

	private static ResponseEntity.BodyBuilder download(String filename, MediaType type) {
		return ResponseEntity.ok()
			.contentType(type)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(filename).build().toString());
	}

}
