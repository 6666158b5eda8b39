package io.keyward.gateway.scep;

import io.keyward.api.SerialNumbers;
import io.keyward.edge.log.CorrelationIds;
import io.keyward.edge.log.LogText;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.keyward.gateway.enrollment.EnrollmentChain;
import io.keyward.gateway.profile.CaCertificateSet;
import io.keyward.gateway.profile.EnrollmentProfile;
import io.keyward.gateway.profile.ServedMessageTypes;
import io.keyward.gateway.ra.RaCredentials;
import io.keyward.gateway.ra.RaKeys;
import io.keyward.gateway.transaction.ClientAlgorithms;
import io.keyward.scep.CertRep;
import io.keyward.scep.CertRepEncoder;
import io.keyward.scep.MalformedMessageException;
import io.keyward.scep.MessageType;
import io.keyward.scep.PkiMessageDecoder;
import io.keyward.scep.PkiRequest;
import io.keyward.scep.PkiStatus;
import io.micrometer.core.instrument.MeterRegistry;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.stereotype.Component;

/**
 * PKIOperation: decode the pkiMessage with the RA encryption key, run the enrollment and
 * sign the CertRep with the RA signing key (RFC 8894 section 3.3). A message enveloped to
 * a CA certificate instead, and every message on a {@code CA_ONLY} profile, is opened and
 * answered by the CA key in the ca-adapter ({@link CaRecipient}, section 2.2). The
 * outcome is logged once here, with the transactionID in the MDC.
 */
@Component
class PkiOperationHandler {

	private static final Logger log = LoggerFactory.getLogger(PkiOperationHandler.class);

	static final String MDC_TRANSACTION_ID = "transactionId";

	static final String MDC_MESSAGE_TYPE = "messageType";

	private final RaKeys raKeys;

	private final EnrollmentChain enrollments;

	private final MeterRegistry meters;

	private final CaCertificateChain caChain;

	private final CaRecipient caRecipient;

	/** Per profile: building them parses the RA certificates, so it is done once. */
	private final Map<EnrollmentProfile, Codec> codecs = new ConcurrentHashMap<>();

	PkiOperationHandler(RaKeys raKeys, EnrollmentChain enrollments, MeterRegistry meters, CaCertificateChain caChain,
			CaRecipient caRecipient) {
		this.raKeys = raKeys;
		this.enrollments = enrollments;
		this.meters = meters;
		this.caChain = caChain;
		this.caRecipient = caRecipient;
	}

	/**
	 * @param profile the profile the request arrived on
	 * @param message the DER pkiMessage
	 * @return the signed CertRep
	 * @throws MalformedMessageException when no CertRep can be built (HTTP 400)
	 */
	byte[] handle(EnrollmentProfile profile, byte[] message) throws MalformedMessageException {
		Codec codec = codec(profile);
		Optional<X509Certificate> caSigner = caSigner(profile, codec.decoder().delegatedRecipient(message));
		PkiRequest request = codec.decoder().decode(message);
		// cleared by the controller once the answer or the error is logged
		MDC.put(MDC_TRANSACTION_ID, LogText.printable(request.transactionId()));
		MDC.put(MDC_MESSAGE_TYPE, request.messageType().map(MessageType::rfcName).orElse("unknown"));
		if (request.ok()) {
			countAlgorithms(profile, request);
		}
		CertRep certRep = withCaChain(profile, request, this.enrollments.enroll(profile, request));
		record(profile, request, certRep);
		if (caSigner.isPresent()) {
			return this.caRecipient.sign(caSigner.get(), certRep, profile.omittedEnvelope());
		}
		return codec.encoder().encode(certRep);
	}

	/**
	 * The CA certificate the CertRep is signed with, when the RA's is not the one the
	 * client verifies with: the CA it enveloped to, and on a {@code CA_ONLY} profile the
	 * issuing CA whatever it sent (the client knows no other certificate).
	 */
	private Optional<X509Certificate> caSigner(EnrollmentProfile profile, Optional<X509Certificate> addressed) {
		if (addressed.isPresent() || profile.caCertificates() != CaCertificateSet.CA_ONLY) {
			return addressed;
		}
		return Optional.of(this.caRecipient.issuing());
	}

	/**
	 * On profiles that ask for it, a SUCCESS carrying a certificate carries the CA chain
	 * after it (RFC 8894 section 3.3.2: the issued certificate first; Cisco IOS installs
	 * the CA from the CertRep).
	 */
	private CertRep withCaChain(EnrollmentProfile profile, PkiRequest request, CertRep certRep) {
		if (!profile.certRepIncludesCa() || certRep.status() != PkiStatus.SUCCESS || certRep.certificates().isEmpty()) {
			return certRep;
		}
		List<X509Certificate> certificates = new ArrayList<>(certRep.certificates());
		certificates.addAll(this.caChain.certificates());
		return CertRep.success(request, certificates);
	}

	private Codec codec(EnrollmentProfile profile) {
		RaCredentials ra = this.raKeys.current();
		Codec codec = this.codecs.get(profile);
		if (codec == null || codec.ra() != ra) {
			codec = new Codec(ra,
					new PkiMessageDecoder(ra.recipients(), profile.acceptedCiphers(), ServedMessageTypes.of(profile),
							this.caRecipient),
					new CertRepEncoder(ra.signingCertificate(), ra.signingKey(), profile.omittedEnvelope()));
			this.codecs.put(profile, codec);
		}
		return codec;
	}

	static void clearMdc() {
		MDC.remove(MDC_TRANSACTION_ID);
		MDC.remove(MDC_MESSAGE_TYPE);
		MDC.remove(CorrelationIds.MDC_KEY);
	}

	/**
	 * {@code keyward.scep.client.algorithms} by kind and algorithm, with {@code legacy}
	 * set for single DES, triple DES and SHA-1: which devices still need the old crypto.
	 */
	private void countAlgorithms(EnrollmentProfile profile, PkiRequest request) {
		count(profile, "content_encryption", request.contentEncryptionAlgorithm());
		count(profile, "key_transport", request.keyTransportAlgorithm());
		count(profile, "digest", request.digestAlgorithm());
		count(profile, "signature", request.signatureAlgorithm());
	}

	private void count(EnrollmentProfile profile, String kind, ASN1ObjectIdentifier algorithm) {
		if (algorithm != null) {
			this.meters.counter("keyward.scep.client.algorithms", "profile", profile.name(), "kind", kind, "algorithm",
					ClientAlgorithms.name(algorithm), "legacy", Boolean.toString(ClientAlgorithms.legacy(algorithm)))
				.increment();
		}
	}

	private void record(EnrollmentProfile profile, PkiRequest request, CertRep certRep) {
		String outcome = certRep.status().name().toLowerCase(Locale.ROOT);
		MessageType type = request.messageType().orElse(null);
		if (type == MessageType.GET_CERT || type == MessageType.GET_CRL) {
			// look-ups, not enrollments: counted and logged apart
			this.meters
				.counter("keyward.scep.lookups", "profile", profile.name(), "type", type.rfcName(), "outcome", outcome)
				.increment();
			log.info("event=scep_lookup_answered transactionId={} profile={} messageType={} status={} failInfo={}",
					LogText.printable(request.transactionId()), profile.name(), type.rfcName(), certRep.status(),
					failInfo(certRep));
			return;
		}
		// low-cardinality tags only: never the transactionID or the subject
		this.meters
			.counter("keyward.scep.enrollments", "profile", profile.name(), "messageType",
					(type != null) ? type.rfcName() : "unknown", "outcome", outcome, "failInfo", failInfo(certRep))
			.increment();
		if (certRep.status() == PkiStatus.SUCCESS) {
			log.info("event=enrollment_issued transactionId={} profile={} serial={} subject=\"{}\"",
					LogText.printable(request.transactionId()), profile.name(),
					SerialNumbers.hex(certRep.certificates().get(0).getSerialNumber()),
					LogText.printable(certRep.certificates().get(0).getSubjectX500Principal().getName()));
		}
		else if (certRep.status() == PkiStatus.PENDING) {
			log.info("event=enrollment_pending transactionId={} profile={}", LogText.printable(request.transactionId()),
					profile.name());
		}
		else {
			log.info("event=enrollment_denied transactionId={} profile={} failInfo={} reason=\"{}\"",
					LogText.printable(request.transactionId()), profile.name(), failInfo(certRep),
					LogText.printable(String.valueOf(certRep.failInfoText())));
		}
	}

	/** The RFC 8894 section 3.2.1.4 failInfo name, {@code none} unless a FAILURE. */
	private static String failInfo(CertRep certRep) {
		return (certRep.failInfo() != null) ? certRep.failInfo().rfcName() : "none";
	}

	/** The decoder and encoder of one profile for one set of RA credentials. */
	private record Codec(RaCredentials ra, PkiMessageDecoder decoder, CertRepEncoder encoder) {
	}

}
