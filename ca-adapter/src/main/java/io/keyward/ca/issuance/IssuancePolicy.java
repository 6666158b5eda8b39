package io.keyward.ca.issuance;

import java.time.Clock;
import java.util.TreeSet;

import io.keyward.api.challenge.ChallengeBinding;
import io.keyward.ca.authority.CertificateSpec;
import io.keyward.ca.template.CertificateRequestRefused;
import io.keyward.ca.template.CertificateSigningRequest;
import io.keyward.ca.template.CertificateTemplate;
import io.keyward.ca.template.CertificateTemplates;
import io.keyward.ca.template.TemplatePolicy;
import io.keyward.edge.log.LogText;

import org.springframework.stereotype.Component;

/**
 * Decides what a verified CSR gets, without signing or storing anything: the template
 * (named, or the renewed certificate's), its policy applied, and no CA or RA name. Both
 * the issue call and the policy check ({@code POST /api/v1/policy-check}, which the
 * gateway asks before it spends a challenge) decide here, so the check cannot pass a
 * request the issue would refuse.
 * <p>
 * The SID of Microsoft strong mapping comes from the redeemed challenge's binding or, for
 * a renewal, from the certificate renewed (this CA put it there from a binding); never
 * from the CSR.
 */
@Component
class IssuancePolicy {

	private final CertificateTemplates templates;

	private final CertificateStore store;

	private final ReservedSubjects reservedSubjects;

	private final Clock clock;

	IssuancePolicy(CertificateTemplates templates, CertificateStore store, ReservedSubjects reservedSubjects,
			Clock clock) {
		this.templates = templates;
		this.store = store;
		this.reservedSubjects = reservedSubjects;
		this.clock = clock;
	}

	/**
	 * @param csr the verified CSR
	 * @param templateName the requested template, null for the default (or, for a
	 * renewal, the renewed certificate's)
	 * @param renewalOf the renewed serial as stored, null for a first enrollment
	 * @param binding the redeemed challenge's binding, null for none
	 * @throws CertificateRequestRefused when the CA would not sign it
	 */
	Decision decide(CertificateSigningRequest csr, String templateName, String renewalOf, ChallengeBinding binding) {
		RenewedCertificate renewed = (renewalOf != null)
				? RenewedCertificate.find(this.store, renewalOf, this.clock.instant()) : null;
		String name = (templateName != null) ? templateName : (renewed != null) ? renewed.template() : "default";
		CertificateTemplate template = this.templates.find(name)
			.orElseThrow(() -> new CertificateRequestRefused("unknown template '" + LogText.printable(name)
					+ "'; known templates: " + new TreeSet<>(this.templates.names())));
		String sid = (renewed != null) ? renewed.sid() : (binding != null) ? binding.sid() : null;
		CertificateSpec spec = TemplatePolicy.apply((renewed != null) ? renewed.applyTo(csr) : csr, template, sid);
		this.reservedSubjects.check(spec.subject(), template);
		return new Decision(template, spec);
	}

	/**
	 * @param template the template applied
	 * @param spec what to sign
	 */
	record Decision(CertificateTemplate template, CertificateSpec spec) {
	}

}
