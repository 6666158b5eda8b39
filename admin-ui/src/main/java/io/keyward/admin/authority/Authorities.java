package io.keyward.admin.authority;

import java.util.List;

import io.keyward.admin.web.Upstream;
import io.keyward.api.ca.AuthorityCertificate;
import io.keyward.api.ca.CertificateAuthorityClient;
import io.keyward.api.gateway.RaCertificateClient;
import io.keyward.api.gateway.RaCertificate;

import org.springframework.stereotype.Service;

/**
 * The certificates Keyward itself depends on: the CA's (and its OCSP signer's) from the
 * ca-adapter, the RA's from the gateway.
 */
@Service
public class Authorities {

	private final CertificateAuthorityClient ca;

	private final RaCertificateClient ra;

	Authorities(CertificateAuthorityClient ca, RaCertificateClient ra) {
		this.ca = ca;
		this.ra = ra;
	}

	public List<AuthorityCertificate> ca() {
		return Upstream.call("ca-adapter", this.ca::authorities);
	}

	public List<RaCertificate> ra() {
		return Upstream.call("scep-gateway", this.ra::raCertificates);
	}

}
