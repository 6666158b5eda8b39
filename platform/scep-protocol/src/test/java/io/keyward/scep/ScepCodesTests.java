package io.keyward.scep;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScepCodesTests {

	@Test
	void whenMessageTypesAreListedThenCodesAndNamesMatchTheIanaRegistry() {
		assertThat(MessageType.values()).extracting(MessageType::code).containsExactly(3, 17, 19, 20, 21, 22);
		assertThat(MessageType.values()).extracting(MessageType::rfcName)
			.containsExactly("CertRep", "RenewalReq", "PKCSReq", "CertPoll", "GetCert", "GetCRL");
		assertThat(MessageType.of(19)).contains(MessageType.PKCS_REQ);
		assertThat(MessageType.of(18)).isEmpty();
		assertThat(MessageType.of(0)).isEmpty();
	}

	@Test
	void whenStatusesAndFailInfosAreListedThenCodesMatchTheRfc() {
		assertThat(PkiStatus.values()).extracting(PkiStatus::code).containsExactly(0, 2, 3);
		assertThat(PkiStatus.of(1)).isEmpty();
		assertThat(FailInfo.values()).extracting(FailInfo::code).containsExactly(0, 1, 2, 3, 4);
		assertThat(FailInfo.values()).extracting(FailInfo::rfcName)
			.containsExactly("badAlg", "badMessageCheck", "badRequest", "badTime", "badCertId");
		assertThat(FailInfo.of(5)).isEmpty();
	}

	@Test
	void whenObjectIdentifiersAreReadThenTheyAreTheRegisteredOnes() {
		assertThat(ScepObjectIdentifiers.MESSAGE_TYPE).hasToString("2.16.840.1.113733.1.9.2");
		assertThat(ScepObjectIdentifiers.PKI_STATUS).hasToString("2.16.840.1.113733.1.9.3");
		assertThat(ScepObjectIdentifiers.FAIL_INFO).hasToString("2.16.840.1.113733.1.9.4");
		assertThat(ScepObjectIdentifiers.SENDER_NONCE).hasToString("2.16.840.1.113733.1.9.5");
		assertThat(ScepObjectIdentifiers.RECIPIENT_NONCE).hasToString("2.16.840.1.113733.1.9.6");
		assertThat(ScepObjectIdentifiers.TRANSACTION_ID).hasToString("2.16.840.1.113733.1.9.7");
		assertThat(ScepObjectIdentifiers.FAIL_INFO_TEXT).hasToString("1.3.6.1.5.5.7.24.1");
	}

}
