package io.keyward.admin.authority;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.keyward.admin.audit.AdminActions;
import io.keyward.admin.web.ApiProblem;
import io.keyward.api.ca.CaCertificates;
import io.keyward.api.ca.NextCaRequest;

import io.keyward.admin.web.Upstream;
import io.keyward.api.ca.AuthorityCertificate;
import io.keyward.api.ca.CertificateAuthorityClient;
import io.keyward.api.gateway.RaCertificateClient;
import io.keyward.api.gateway.RaCertificate;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The certificates Keyward itself depends on: the CA's (and its OCSP signer's) from the
 * ca-adapter, the RA's from the gateway.
 */
@Service
public class Authorities {

	private final CertificateAuthorityClient ca;

	private final RaCertificateClient ra;

	private final AdminActions actions;

	private final Clock clock;

	Authorities(CertificateAuthorityClient ca, RaCertificateClient ra, AdminActions actions, Clock clock) {
		this.ca = ca;
		this.ra = ra;
		this.actions = actions;
		this.clock = clock;
	}

	/**
	 * @return the CA certificates as published, with the next CA during a rollover
	 */
	public CaCertificates published() {
		return Upstream.call("ca-adapter", this.ca::caCertificates);
	}

	/**
	 * Prepare the next CA, or move its switch-over, and record who did it.
	 * @param switchAt when it starts issuing; null means now
	 * @param actor the admin or token
	 * @return the CA certificates as now published
	 */
	public CaCertificates prepareNext(Instant switchAt, String actor) {
		if (switchAt != null && switchAt.isBefore(this.clock.instant().minus(Duration.ofMinutes(1)))) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "switchAt must not be in the past; leave it out for now");
		}
		CaCertificates published = Upstream.call("ca-adapter",
				() -> this.ca.prepareNextCa(new NextCaRequest(switchAt, actor)));
		this.actions.record(actor, "ca_next_prepared", "ca:next", "switchAt=" + published.switchAt());
		return published;
	}

	public List<AuthorityCertificate> ca() {
		return Upstream.call("ca-adapter", this.ca::authorities);
	}

	public List<RaCertificate> ra() {
		return Upstream.call("scep-gateway", this.ra::raCertificates);
	}

}
