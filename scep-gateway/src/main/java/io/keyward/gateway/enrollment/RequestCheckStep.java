package io.keyward.gateway.enrollment;

import java.util.Optional;

import io.keyward.gateway.profile.ServedMessageTypes;
import io.keyward.scep.CertRep;
import io.keyward.scep.FailInfo;
import io.keyward.scep.MessageType;
import io.keyward.scep.PkiRequest;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The request must have verified and decrypted (RFC 8894 section 3.3.2.2 failInfo from
 * the decoder) and be of a type the profile serves ({@link ServedMessageTypes}).
 */
@Component
@Order(1)
class RequestCheckStep implements EnrollmentStep {

	/** Longest transactionID stored; real clients send 32 to 64 characters. */
	static final int MAX_TRANSACTION_ID_LENGTH = 512;

	@Override
	public Optional<CertRep> process(Enrollment enrollment) {
		PkiRequest request = enrollment.request();
		if (!request.ok()) {
			return Optional.of(enrollment.refuse(request.failInfo(), request.failureReason()));
		}
		// the decoder refused unserved types already; checked again in case the chain is
		// ever reached another way
		if (request.messageType().filter(ServedMessageTypes.of(enrollment.profile())::contains).isEmpty()) {
			String name = request.messageType()
				.map(MessageType::rfcName)
				.orElse("messageType " + request.messageTypeCode());
			return Optional.of(enrollment.refuse(FailInfo.BAD_REQUEST, name + " not served"));
		}
		if (request.transactionId().isBlank() || request.transactionId().length() > MAX_TRANSACTION_ID_LENGTH) {
			return Optional.of(enrollment.refuse(FailInfo.BAD_REQUEST, "transactionID empty or too long"));
		}
		if (request.transactionId().chars().anyMatch(Character::isISOControl)) {
			// section 3.2.1.1: a hash in hex or base64 or a number; a NUL cannot be
			// stored
			return Optional.of(enrollment.refuse(FailInfo.BAD_REQUEST, "transactionID holds control characters"));
		}
		return Optional.empty();
	}

}
