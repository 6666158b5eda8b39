package io.keyward.gateway.renewal;

import io.keyward.api.SerialNumbers;
import io.keyward.edge.log.LogText;
import io.keyward.gateway.profile.EnrollmentProfile;
import io.keyward.scep.CertRep;
import io.keyward.scep.PkiRequest;
import io.keyward.scep.PkiStatus;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The outcome of each renewal, for operators: {@code event=enrollment_renewed} with the
 * old and new serials, {@code event=renewal_refused} with the reason, and the counter
 * {@code keyward.scep.renewals} tagged by profile, outcome ({@code renewed},
 * {@code refused}, {@code pending}) and reason (a short stable name, {@code none} unless
 * refused).
 */
@Component
public class RenewalEvents {

	private static final Logger log = LoggerFactory.getLogger(RenewalEvents.class);

	private final MeterRegistry meters;

	RenewalEvents(MeterRegistry meters) {
		this.meters = meters;
	}

	/**
	 * @param renewalOf the serial renewed
	 * @param refusal why the gateway refused it before recording, null when it did not (a
	 * refusal by the ca-adapter, such as a revoked certificate, is {@code ca_refused})
	 * @param answer the CertRep sent
	 */
	public void record(EnrollmentProfile profile, PkiRequest request, String renewalOf, String refusal,
			CertRep answer) {
		String transactionId = LogText.printable(request.transactionId());
		String type = request.messageType().map((messageType) -> messageType.rfcName()).orElse("unknown");
		if (answer.status() == PkiStatus.SUCCESS) {
			count(profile, "renewed", "none");
			log.info("event=enrollment_renewed transactionId={} profile={} messageType={} renewalOf={} serial={}",
					transactionId, profile.name(), type, SerialNumbers.hex(renewalOf),
					SerialNumbers.hex(answer.certificates().get(0).getSerialNumber()));
		}
		else if (answer.status() == PkiStatus.PENDING) {
			count(profile, "pending", "none");
		}
		else {
			String reason = (refusal != null) ? refusal : "ca_refused";
			count(profile, "refused", reason);
			log.info(
					"event=renewal_refused transactionId={} profile={} messageType={} renewalOf={} reason={} "
							+ "failInfo={} detail=\"{}\"",
					transactionId, profile.name(), type, SerialNumbers.hex(renewalOf), reason,
					(answer.failInfo() != null) ? answer.failInfo().rfcName() : "none",
					LogText.printable(String.valueOf(answer.failInfoText())));
		}
	}

	private void count(EnrollmentProfile profile, String outcome, String reason) {
		this.meters.counter("keyward.scep.renewals", "profile", profile.name(), "outcome", outcome, "reason", reason)
			.increment();
	}

}
