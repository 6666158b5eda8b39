package io.keyward.ca.authority;

import java.security.cert.X509Certificate;
import java.util.List;

import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;

/**
 * The CA that issues now: whichever generation {@link CaRollover} says is active, so
 * issuance moves to the next CA at its switch-over moment without a restart.
 */
final class IssuingAuthority implements CertificateAuthority {

	private final CaRollover rollover;

	IssuingAuthority(CaRollover rollover) {
		this.rollover = rollover;
	}

	@Override
	public IssuedCertificate issue(CertificateSpec spec) {
		return this.rollover.issuing().issue(spec);
	}

	@Override
	public List<X509Certificate> chain() {
		return this.rollover.issuing().chain();
	}

	@Override
	public String name() {
		return this.rollover.issuing().name();
	}

	@Override
	public X509CRLHolder signCrl(X509v2CRLBuilder crl) {
		return this.rollover.issuing().signCrl(crl);
	}

}
