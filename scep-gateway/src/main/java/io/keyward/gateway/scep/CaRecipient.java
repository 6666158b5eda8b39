package io.keyward.gateway.scep;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.keyward.api.ca.CertRepSigningRequest;
import io.keyward.api.ca.CertificateAuthorityClient;
import io.keyward.api.ca.OpenedScepEnvelope;
import io.keyward.api.ca.ScepEnvelope;
import io.keyward.edge.fingerprint.Sha256;
import io.keyward.scep.CertRep;
import io.keyward.scep.CertRepEncoder;
import io.keyward.scep.DelegatedRecipient;
import io.keyward.scep.FailInfo;
import io.keyward.scep.PkcsPkiEnvelope;
import io.keyward.scep.PkiStatus;
import io.keyward.scep.RecipientUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;

import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;

/**
 * The CA certificates as SCEP recipients (RFC 8894 section 2.2): a client that envelopes
 * its request to a CA certificate (GetCACert gave it the CA alone, or it picked the CA by
 * fingerprint) verifies the CertRep against that CA. The CA key stays in the ca-adapter,
 * so the gateway hands it the envelope to open and the CertRep's parts to sign
 * ({@code scep:ca-recipient}): two loopback calls more per PKIOperation, counted as
 * {@code keyward.scep.ca.recipient{operation,outcome}}.
 */
@Component
class CaRecipient implements DelegatedRecipient {

	private final CertificateAuthorityClient certificateAuthority;

	private final CaCertificateChain caChain;

	private final MeterRegistry meters;

	CaRecipient(CertificateAuthorityClient certificateAuthority, CaCertificateChain caChain, MeterRegistry meters) {
		this.certificateAuthority = certificateAuthority;
		this.caChain = caChain;
		this.meters = meters;
	}

	/**
	 * @return the issuing CA, the previous CAs still valid and a prepared next CA: the
	 * certificates a client may have taken from GetCACert or GetNextCACert
	 */
	@Override
	public List<X509Certificate> certificates() {
		List<X509Certificate> certificates = new ArrayList<>(this.caChain.issuers());
		this.caChain.next().ifPresent((next) -> certificates.addAll(next.certificates()));
		return certificates;
	}

	/**
	 * @return the CA certificate a CA-only profile signs with when the client's envelope
	 * named none: the issuing CA, the one GetCACert answered
	 */
	X509Certificate issuing() {
		return this.caChain.certificates().get(0);
	}

	@Override
	public PkcsPkiEnvelope.Opened open(byte[] envelope, X509Certificate recipient)
			throws PkcsPkiEnvelope.EnvelopeException {
		try {
			OpenedScepEnvelope opened = this.certificateAuthority
				.openScepEnvelope(new ScepEnvelope(Base64.getEncoder().encodeToString(envelope)));
			count("open", "ok");
			return new PkcsPkiEnvelope.Opened(new ASN1ObjectIdentifier(opened.contentEncryptionAlgorithm()),
					new ASN1ObjectIdentifier(opened.keyTransportAlgorithm()),
					Base64.getDecoder().decode(opened.messageData()));
		}
		catch (HttpClientErrorException.Unauthorized | HttpClientErrorException.Forbidden ex) {
			// the gateway's token or its scep:ca-recipient scope is missing: an
			// operator's
			// mistake, not the device's
			count("open", "unavailable");
			throw new RecipientUnavailableException("the ca-adapter refused the gateway's token or scope", ex);
		}
		catch (HttpClientErrorException ex) {
			// the ca-adapter answers every decryption failure alike; so does the gateway
			count("open", "refused");
			throw new PkcsPkiEnvelope.EnvelopeException(FailInfo.BAD_MESSAGE_CHECK, PkcsPkiEnvelope.UNDECRYPTABLE);
		}
		catch (RestClientException ex) {
			count("open", "unavailable");
			throw new RecipientUnavailableException("the ca-adapter did not open the envelope", ex);
		}
	}

	/**
	 * @param ca the CA certificate the CertRep is signed with
	 * @param certRep the reply
	 * @param omitted how FAILURE and PENDING leave the envelope out
	 * @return the DER CertRep, signed by the CA key in the ca-adapter
	 * @throws RecipientUnavailableException when the ca-adapter does not sign it
	 */
	byte[] sign(X509Certificate ca, CertRep certRep, CertRepEncoder.OmittedEnvelope omitted) {
		Base64.Encoder base64 = Base64.getEncoder();
		String envelope = (certRep.status() == PkiStatus.SUCCESS)
				? base64.encodeToString(CertRepEncoder.envelope(certRep)) : null;
		try {
			String certRepBase64 = this.certificateAuthority
				.signCertRep(new CertRepSigningRequest(Sha256.hex(ca), certRep.transactionId(),
						base64.encodeToString(certRep.recipientNonce()), certRep.status().name(),
						(certRep.failInfo() != null) ? certRep.failInfo().name() : null, certRep.failInfoText(),
						(certRep.digestAlgorithm() != null) ? certRep.digestAlgorithm().getId() : null, envelope,
						omitted == CertRepEncoder.OmittedEnvelope.EMPTY_OCTET_STRING))
				.certRep();
			count("sign", "ok");
			return Base64.getDecoder().decode(certRepBase64);
		}
		catch (RestClientException ex) {
			count("sign", "unavailable");
			throw new RecipientUnavailableException("the ca-adapter did not sign the CertRep", ex);
		}
	}

	private void count(String operation, String outcome) {
		this.meters.counter("keyward.scep.ca.recipient", "operation", operation, "outcome", outcome).increment();
	}

}
