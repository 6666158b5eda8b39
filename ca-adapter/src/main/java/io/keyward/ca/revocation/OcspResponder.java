package io.keyward.ca.revocation;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Optional;

import io.keyward.api.SerialNumbers;
import io.keyward.ca.authority.CertificateAuthority;
import io.keyward.ca.authority.OcspSigner;
import io.keyward.ca.authority.RevocationIssuers;
import io.keyward.ca.authority.RevocationProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The OCSP responder (RFC 6960): good, revoked (with time and reason) or unknown for each
 * CertID of a request, read from the same rows as the CRL, signed by the delegated OCSP
 * signer of the CA generation the request names (any generation not expired: after a
 * rollover the previous CA's certificates are still answered), a serial being known only
 * to the generation that signed it, the request's nonce echoed (RFC 8954). A request that
 * cannot be parsed is answered malformedRequest and one for another issuer unauthorized
 * (section 2.3), both unsigned as the RFC wants.
 */
@Component
class OcspResponder {

	/** More CertIDs than any client sends in one request; bounds the work per request. */
	static final int MAX_REQUESTS = 20;

	private final JdbcClient jdbc;

	private final RevocationIssuers issuers;

	private final Clock clock;

	private final RevocationProperties.Ocsp settings;

	private final MeterRegistry meters;

	private final DigestCalculatorProvider digests;

	OcspResponder(JdbcClient jdbc, RevocationIssuers issuers, Clock clock, RevocationProperties revocation,
			MeterRegistry meters) throws OperatorCreationException {
		this.jdbc = jdbc;
		this.issuers = issuers;
		this.clock = clock;
		this.settings = revocation.ocsp();
		this.meters = meters;
		this.digests = new JcaDigestCalculatorProviderBuilder().build();
	}

	/**
	 * @param der a DER OCSPRequest
	 * @return a DER OCSPResponse
	 */
	byte[] respond(byte[] der) {
		OCSPReq request;
		try {
			request = new OCSPReq(der);
		}
		catch (IOException | RuntimeException ex) {
			return refuse(OCSPRespBuilder.MALFORMED_REQUEST, "malformed");
		}
		Req[] certIds = request.getRequestList();
		if (certIds.length == 0 || certIds.length > MAX_REQUESTS) {
			return refuse(OCSPRespBuilder.MALFORMED_REQUEST, "malformed");
		}
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		Optional<CertificateAuthority> issuer;
		try {
			issuer = issuer(certIds[0].getCertID());
		}
		catch (OCSPException ex) {
			return refuse(OCSPRespBuilder.MALFORMED_REQUEST, "malformed");
		}
		if (issuer.isEmpty()) {
			return refuse(OCSPRespBuilder.UNAUTHORIZED, "unauthorized");
		}
		X509CertificateHolder ca = certificate(issuer.get());
		OcspSigner signer = this.issuers.signer(issuer.get());
		BasicOCSPRespBuilder response = new BasicOCSPRespBuilder(signer.responderId());
		try {
			for (Req certId : certIds) {
				CertificateID id = certId.getCertID();
				// one signer answers the whole request: every CertID must name its issuer
				if (!id.matchesIssuer(ca, this.digests)) {
					return refuse(OCSPRespBuilder.UNAUTHORIZED, "unauthorized");
				}
				CertificateStatus status = status(issuer.get().name(), SerialNumbers.key(id.getSerialNumber()));
				this.meters.counter("keyward.ca.ocsp.responses", "status", name(status)).increment();
				response.addResponse(id, status, Date.from(now), Date.from(now.plus(this.settings.responseValidity())),
						null);
			}
		}
		catch (OCSPException ex) {
			return refuse(OCSPRespBuilder.MALFORMED_REQUEST, "malformed");
		}
		Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
		if (nonce != null) {
			response.setResponseExtensions(new Extensions(nonce));
		}
		return encode(OCSPRespBuilder.SUCCESSFUL, signer.sign(response, Date.from(now)));
	}

	/**
	 * Good is {@code null} in Bouncy Castle ({@link CertificateStatus#GOOD}), so the row
	 * is read first and mapped after: a null from the row mapper would read as "no row".
	 */
	private CertificateStatus status(String caName, String serial) {
		Optional<Stored> stored = this.jdbc
			.sql("select revoked_at, revocation_reason from ca.certificate where serial = :serial and ca_name = :ca")
			.param("serial", serial)
			.param("ca", caName)
			.query((row, number) -> new Stored(row.getObject("revoked_at", OffsetDateTime.class),
					row.getString("revocation_reason")))
			.optional();
		if (stored.isEmpty()) {
			return new UnknownStatus();
		}
		if (stored.get().revokedAt() == null) {
			return CertificateStatus.GOOD;
		}
		return new RevokedStatus(Date.from(stored.get().revokedAt().toInstant()),
				RevocationReason.of(stored.get().reason()).code());
	}

	private record Stored(OffsetDateTime revokedAt, String reason) {
	}

	private static String name(CertificateStatus status) {
		if (status == CertificateStatus.GOOD) {
			return "good";
		}
		return (status instanceof RevokedStatus) ? "revoked" : "unknown";
	}

	private byte[] refuse(int status, String metric) {
		this.meters.counter("keyward.ca.ocsp.responses", "status", metric).increment();
		return encode(status, null);
	}

	private static byte[] encode(int status, Object basic) {
		try {
			OCSPResp response = new OCSPRespBuilder().build(status, basic);
			return response.getEncoded();
		}
		catch (OCSPException | IOException ex) {
			throw new IllegalStateException("cannot encode an OCSP response", ex);
		}
	}

	/**
	 * The served generation whose name and key hashes the CertID carries (section 4.1.1).
	 */
	private Optional<CertificateAuthority> issuer(CertificateID id) throws OCSPException {
		for (CertificateAuthority candidate : this.issuers.serving()) {
			if (id.matchesIssuer(certificate(candidate), this.digests)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

	private static X509CertificateHolder certificate(CertificateAuthority authority) {
		try {
			return new JcaX509CertificateHolder(authority.chain().get(0));
		}
		catch (CertificateEncodingException ex) {
			throw new IllegalStateException("cannot read the CA certificate", ex);
		}
	}

}
