package io.keyward.admin.certificate;

import java.util.List;

import io.keyward.admin.AdminProperties;
import io.keyward.admin.web.Paging;
import io.keyward.admin.web.RemoteCall;
import io.keyward.api.ca.CertificateAuthorityClient;
import io.keyward.api.ca.CertificatePage;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Certificates the ca-adapter issued, newest first, read over its REST API.
 */
@Controller
class CertificatesController {

	private final CertificateAuthorityClient certificateAuthority;

	private final AdminProperties properties;

	CertificatesController(CertificateAuthorityClient certificateAuthority, AdminProperties properties) {
		this.certificateAuthority = certificateAuthority;
		this.properties = properties;
	}

	@GetMapping("/certificates")
	String certificates(@RequestParam(defaultValue = "0") int page, Model model) {
		int requested = Paging.requested(page);
		int size = this.properties.pageSize();
		RemoteCall<CertificatePage> call = RemoteCall.of("ca-adapter", this.properties.caUrl(),
				this.properties.hasServiceToken(), () -> this.certificateAuthority.certificates(requested, size));
		List<CertificateRow> rows = List.of();
		Paging paging = new Paging(requested, size, 0);
		if (call.ok() && call.value() != null) {
			CertificatePage answer = call.value();
			rows = (answer.items() != null) ? answer.items().stream().map(CertificateRow::of).toList() : List.of();
			paging = new Paging(requested, size, answer.total());
		}
		model.addAttribute("problem", call.problem());
		model.addAttribute("rows", rows);
		model.addAttribute("paging", paging);
		return "certificates";
	}

}
