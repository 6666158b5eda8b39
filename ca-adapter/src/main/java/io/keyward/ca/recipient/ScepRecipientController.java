package io.keyward.ca.recipient;

import java.util.Arrays;
import java.util.Base64;

import io.keyward.api.ca.CertRepSigningRequest;
import io.keyward.api.ca.OpenedScepEnvelope;
import io.keyward.api.ca.ScepEnvelope;
import io.keyward.api.ca.SignedCertRep;
import io.keyward.edge.problem.InvalidRequest;
import io.keyward.scep.CertRepAttributes;
import io.keyward.scep.CertRepEncoder.OmittedEnvelope;
import io.keyward.scep.FailInfo;
import io.keyward.scep.PkcsPkiEnvelope;
import io.keyward.scep.PkiStatus;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/scep-recipient/**}: the gateway's narrow use of the CA keys as the SCEP
 * recipient (scope {@code scep:ca-recipient}, the gateway only). Input is bounded; what
 * cannot be read is 400, an envelope not addressed to a CA certificate or not decryptable
 * is 422 (one answer for every decryption failure).
 */
@RestController
class ScepRecipientController {

	/** A PKCS#10 with a 16384-bit key enveloped stays far below this. */
	static final int MAX_BYTES = 64 * 1024;

	private final ScepRecipient recipient;

	ScepRecipientController(ScepRecipient recipient) {
		this.recipient = recipient;
	}

	@PostMapping("/api/v1/scep-recipient/envelopes")
	OpenedScepEnvelope open(@RequestBody ScepEnvelope request) {
		PkcsPkiEnvelope.Opened opened = this.recipient.open(bytes(request.envelope(), "envelope"));
		return new OpenedScepEnvelope(Base64.getEncoder().encodeToString(opened.messageData()), opened.cipher().getId(),
				opened.keyTransport().getId());
	}

	@PostMapping("/api/v1/scep-recipient/cert-reps")
	SignedCertRep sign(@RequestBody CertRepSigningRequest request) {
		CertRepAttributes attributes;
		try {
			PkiStatus status = named(PkiStatus.class, request.pkiStatus(), "pkiStatus");
			FailInfo failInfo = (request.failInfo() != null) ? named(FailInfo.class, request.failInfo(), "failInfo")
					: null;
			String transactionId = text(request.transactionId(), "transactionId");
			String failInfoText = (request.failInfoText() != null) ? text(request.failInfoText(), "failInfoText")
					: null;
			attributes = new CertRepAttributes(transactionId, bytes(request.recipientNonce(), "recipientNonce"), status,
					failInfo, failInfoText,
					(request.digestAlgorithm() != null) ? new ASN1ObjectIdentifier(request.digestAlgorithm()) : null);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequest("CertRep parts not valid: " + ex.getMessage());
		}
		byte[] envelope = (request.pkcsPkiEnvelope() != null) ? bytes(request.pkcsPkiEnvelope(), "pkcsPkiEnvelope")
				: null;
		if ((attributes.status() == PkiStatus.SUCCESS) != (envelope != null)) {
			throw new InvalidRequest("a pkcsPkiEnvelope is required for SUCCESS and only for SUCCESS");
		}
		byte[] certRep = this.recipient.sign(request.caCertificateSha256(), attributes, envelope,
				Boolean.TRUE.equals(request.emptyContentWhenOmitted()) ? OmittedEnvelope.EMPTY_OCTET_STRING
						: OmittedEnvelope.ABSENT);
		return new SignedCertRep(Base64.getEncoder().encodeToString(certRep));
	}

	@ExceptionHandler(ScepRecipient.EnvelopeRefused.class)
	ResponseEntity<ProblemDetail> refused(ScepRecipient.EnvelopeRefused ex) {
		HttpStatus status = HttpStatus.UNPROCESSABLE_CONTENT;
		return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, ex.getMessage()));
	}

	private static byte[] bytes(String base64, String field) {
		if (base64 == null || base64.isEmpty() || base64.length() > MAX_BYTES / 3 * 4 + 4) {
			throw new InvalidRequest(field + " is missing or larger than " + MAX_BYTES + " bytes");
		}
		try {
			return Base64.getDecoder().decode(base64);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequest(field + " is not base64");
		}
	}

	private static String text(String value, String field) {
		if (value == null || value.isEmpty() || value.length() > 1024) {
			throw new InvalidRequest(field + " is missing or longer than 1024 characters");
		}
		// a lone surrogate (JSON "\ud83d") has no UTF-8 form: the CertRep's
		// PrintableString/UTF8String attributes could not be encoded (fuzz report: a 500)
		if (value.codePoints()
			.anyMatch((point) -> point >= Character.MIN_SURROGATE && point <= Character.MAX_SURROGATE)) {
			throw new InvalidRequest(field + " is not valid UTF-16: it has an unpaired surrogate");
		}
		return value;
	}

	/**
	 * The constant named {@code value}; otherwise a 400 that lists the accepted names
	 * (not {@code Enum.valueOf}'s message, which names a Java class).
	 */
	private static <E extends Enum<E>> E named(Class<E> type, String value, String field) {
		for (E constant : type.getEnumConstants()) {
			if (constant.name().equals(value)) {
				return constant;
			}
		}
		throw new InvalidRequest(field + " must be one of "
				+ String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()));
	}

}
