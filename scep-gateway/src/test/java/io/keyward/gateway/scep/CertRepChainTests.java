package io.keyward.gateway.scep;

import io.keyward.gateway.AbstractGatewayTests;
import io.keyward.gateway.TestDevice;
import io.keyward.scep.PkiStatus;
import io.keyward.scep.client.CertRepResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether a SUCCESS CertRep carries the CA certificate after the issued one is a profile
 * setting: Cisco IOS installs the CA from it, some Juniper releases refuse more than one
 * certificate.
 */
class CertRepChainTests extends AbstractGatewayTests {

	@Test
	void whenProfileIncludesTheCaThenTheCertRepCarriesItAfterTheIssuedCertificate() throws Exception {
		TestDevice device = new TestDevice("cisco-router");

		CertRepResponse answer = enroll(device, "/scep/cisco", TestDevice.newTransactionId());

		assertThat(answer.status()).isEqualTo(PkiStatus.SUCCESS);
		assertThat(answer.certificates()).hasSize(2);
		assertThat(answer.certificates().get(0).getSubjectX500Principal().getName()).contains("cisco-router");
		assertThat(answer.certificates().get(1)).isEqualTo(upstreams.ca.certificate());
	}

	@Test
	void whenProfileDoesNotThenTheCertRepCarriesOnlyTheIssuedCertificate() throws Exception {
		TestDevice device = new TestDevice("juniper-firewall");

		CertRepResponse answer = enroll(device, "/scep/default", TestDevice.newTransactionId());

		assertThat(answer.status()).isEqualTo(PkiStatus.SUCCESS);
		assertThat(answer.certificates()).hasSize(1);
	}

}
