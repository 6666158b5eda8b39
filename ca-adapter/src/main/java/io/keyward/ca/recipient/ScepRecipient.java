package io.keyward.ca.recipient;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.keyward.api.SerialNumbers;
import io.keyward.ca.authority.CaRollover;
import io.keyward.edge.fingerprint.Sha256;
import io.keyward.edge.log.LogText;
import io.keyward.edge.problem.InvalidRequest;
import io.keyward.scep.CertRepAttributes;
import io.keyward.scep.CertRepEncoder;
import io.keyward.scep.CertRepEncoder.OmittedEnvelope;
import io.keyward.scep.DelegatedRecipient;
import io.keyward.scep.PkcsPkiEnvelope;
import io.keyward.scep.RecipientKey;
import io.keyward.scep.ScepAlgorithms;
import io.micrometer.core.instrument.MeterRegistry;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.EnvelopedData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The CA as the SCEP recipient (RFC 8894 section 2.2), for the gateway only: a client
 * that got the CA certificate alone from GetCACert, or picked it by fingerprint, encrypts
 * its pkcsPKIEnvelope to the CA and verifies the CertRep against the CA. The CA keys stay
 * here; the gateway hands over the envelope to open and the parts of a CertRep to sign.
 * <p>
 * Opening uses the one envelope code of the gateway ({@link PkcsPkiEnvelope}), so every
 * decryption failure is the same answer (no padding oracle, RFC 3218 section 2.3.2);
 * signing uses the one {@link CertRepEncoder}, which builds the SCEP signed attributes
 * itself (messageType CertRep among them), so this is never a raw signer of bytes the
 * caller chose. Every use is logged and counted
 * ({@code keyward.ca.scep.recipient{operation,outcome}}).
 */
@Component
public class ScepRecipient {

	private static final Logger log = LoggerFactory.getLogger(ScepRecipient.class);

	private final CaRollover rollover;

	private final MeterRegistry meters;

	ScepRecipient(CaRollover rollover, MeterRegistry meters) {
		this.rollover = rollover;
		this.meters = meters;
	}

	/**
	 * @param envelope a DER pkcsPKIEnvelope
	 * @return its content
	 * @throws EnvelopeRefused when it is not addressed to a CA certificate or cannot be
	 * opened
	 */
	PkcsPkiEnvelope.Opened open(byte[] envelope) {
		requireEnvelopedData(envelope);
		List<RecipientKey> keys = this.rollover.scepRecipientKeys();
		PkcsPkiEnvelope addressing = new PkcsPkiEnvelope(List.of(), ScepAlgorithms.withLegacySingleDes(),
				new CaCertificates(keys));
		Optional<X509Certificate> recipient = addressing.delegatedRecipient(envelope);
		if (recipient.isEmpty()) {
			count("open", "refused");
			log.info("event=ca_scep_envelope_refused reason=not_addressed_to_ca");
			throw new EnvelopeRefused("the pkcsPKIEnvelope is not addressed to a CA certificate of this CA");
		}
		try {
			PkcsPkiEnvelope.Opened opened = new PkcsPkiEnvelope(keys, ScepAlgorithms.withLegacySingleDes(), null)
				.open(envelope);
			count("open", "ok");
			log.info("event=ca_scep_envelope_opened ca=\"{}\" serial={}", subject(recipient.get()),
					serial(recipient.get()));
			return opened;
		}
		catch (PkcsPkiEnvelope.EnvelopeException ex) {
			count("open", "refused");
			log.info("event=ca_scep_envelope_refused reason=\"{}\"", LogText.printable(ex.getMessage()));
			throw new EnvelopeRefused(ex.getMessage());
		}
	}

	/**
	 * @param caCertificateSha256 hex SHA-256 of the CA certificate to sign with, null for
	 * the issuing CA
	 * @param certRep the signed attributes' values
	 * @param pkcsPkiEnvelope SUCCESS only: the EnvelopedData for the device
	 * @param omitted how FAILURE and PENDING leave the envelope out
	 * @return the DER CertRep
	 */
	byte[] sign(String caCertificateSha256, CertRepAttributes certRep, byte[] pkcsPkiEnvelope,
			OmittedEnvelope omitted) {
		if (pkcsPkiEnvelope != null) {
			// what is signed is always an EnvelopedData under SCEP attributes, never a
			// structure the caller chose (such as a TBSCertificate)
			requireEnvelopedData(pkcsPkiEnvelope);
		}
		RecipientKey key = signingKey(caCertificateSha256);
		byte[] signed = new CertRepEncoder(key.certificate(), key.privateKey(), omitted).encode(certRep,
				pkcsPkiEnvelope);
		count("sign", "ok");
		log.info("event=ca_scep_certrep_signed ca=\"{}\" serial={} transactionId={} status={}",
				subject(key.certificate()), serial(key.certificate()), LogText.printable(certRep.transactionId()),
				certRep.status());
		return signed;
	}

	private RecipientKey signingKey(String caCertificateSha256) {
		List<RecipientKey> keys = this.rollover.scepRecipientKeys();
		if (caCertificateSha256 == null || caCertificateSha256.isBlank()) {
			return keys.get(0);
		}
		String wanted = caCertificateSha256.replace(":", "").strip().toLowerCase(Locale.ROOT);
		for (RecipientKey key : keys) {
			if (Sha256.hex(key.certificate()).equals(wanted)) {
				return key;
			}
		}
		count("sign", "refused");
		throw new EnvelopeRefused("no valid CA certificate of this CA has that SHA-256 fingerprint");
	}

	private static void requireEnvelopedData(byte[] der) {
		try {
			ContentInfo content = ContentInfo.getInstance(ASN1Primitive.fromByteArray(der));
			if (CMSObjectIdentifiers.envelopedData.equals(content.getContentType())) {
				EnvelopedData.getInstance(content.getContent());
				return;
			}
		}
		catch (IOException | RuntimeException ex) {
			// answered below
		}
		throw new InvalidRequest("not a DER CMS EnvelopedData (RFC 5652 section 6.1)");
	}

	private void count(String operation, String outcome) {
		this.meters.counter("keyward.ca.scep.recipient", "operation", operation, "outcome", outcome).increment();
	}

	private static String subject(X509Certificate certificate) {
		return LogText.printable(certificate.getSubjectX500Principal().getName());
	}

	private static String serial(X509Certificate certificate) {
		return SerialNumbers.hex(certificate.getSerialNumber());
	}

	/** The CA certificates, as the certificates an envelope may be addressed to. */
	private record CaCertificates(List<RecipientKey> keys) implements DelegatedRecipient {

		@Override
		public List<X509Certificate> certificates() {
			return this.keys.stream().map(RecipientKey::certificate).toList();
		}

		@Override
		public PkcsPkiEnvelope.Opened open(byte[] envelope, X509Certificate recipient) {
			throw new UnsupportedOperationException("only asked which certificate is addressed");
		}

	}

	/** Not addressed to a CA certificate, or not decryptable: 422, one answer for all. */
	static final class EnvelopeRefused extends RuntimeException {

		private static final long serialVersionUID = 1L;

		EnvelopeRefused(String message) {
			super(message, null, false, false);
		}

	}

}
