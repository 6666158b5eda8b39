package io.keyward.admin.certificate;

import java.util.Locale;
import java.util.UUID;

import io.keyward.admin.AdminUiTestSupport;
import io.keyward.admin.audit.AdminAction;
import io.keyward.admin.audit.AdminActions;
import io.keyward.admin.audit.AuditVerification;
import io.keyward.admin.audit.AuditVerdict;
import io.keyward.api.SerialNumbers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A certificate's admin history against the real audit log: records written before
 * serials were shown padded name the certificate without its leading zero
 * ({@code certificate:FCB04A6…} for {@code 0FCB04A6…}); the history finds them under
 * either spelling, and the hash chain they are part of is left as it was.
 */
class CertificateHistoryTests extends AdminUiTestSupport {

	@Autowired
	AdminActions actions;

	@Autowired
	CertificateLifecycle lifecycle;

	@Autowired
	AuditVerification verification;

	@Test
	void whenAnOldAuditRecordNamesTheSerialWithoutItsLeadingZeroThenTheHistoryShowsIt() {
		// six bytes, the first 0x0F: shown 0F... (as OpenSSL prints it), stored and
		// formerly recorded F...
		String unpadded = "F" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase(Locale.ROOT);
		String padded = "0" + unpadded;
		assertThat(SerialNumbers.hex(unpadded)).as("the spelling shown").isEqualTo(padded);
		this.actions.record("admin:old", "certificate_revoked", "certificate:" + unpadded, "reason=superseded");
		this.actions.record("admin:new", "certificate_note", "certificate:" + padded, null);

		assertThat(this.lifecycle.adminActions(padded)).extracting(AdminAction::actor)
			.containsExactly("admin:old", "admin:new");
		assertThat(this.lifecycle.adminActions(unpadded.toLowerCase(Locale.ROOT))).extracting(AdminAction::actor)
			.containsExactly("admin:old", "admin:new");
		AuditVerdict verdict = this.verification.verify();
		assertThat(verdict.intact()).as(verdict.problem()).isTrue();
	}

}
