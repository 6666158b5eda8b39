package io.keyward.gateway.scep;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import io.keyward.gateway.AbstractGatewayTests;
import io.keyward.gateway.FakeUpstreams;
import io.keyward.gateway.TestDevice;
import io.keyward.gateway.profile.EnrollmentProfiles;
import io.keyward.gateway.profile.ServedMessageTypes;
import io.keyward.scep.CaCapability;
import io.keyward.scep.FailInfo;
import io.keyward.scep.MessageType;
import io.keyward.scep.PkiStatus;
import io.keyward.scep.client.CertRepResponse;
import io.keyward.scep.client.ScepRequestBuilder;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cms.CMSAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every message type the gateway does not serve is refused with FAILURE badRequest before
 * anything else happens (no transaction, no challenge redeemed, nothing issued), and
 * GetCACaps advertises exactly what is served.
 */
class ServedMessageTypesTests extends AbstractGatewayTests {

	@Autowired
	EnrollmentProfiles profiles;

	@ParameterizedTest
	@CsvSource({ "CERT_REP, default", "RENEWAL_REQ, norenew" })
	void whenMessageTypeIsNotServedThenFailureBadRequestAndNothingHappens(MessageType type, String profile)
			throws Exception {
		assertThat(ServedMessageTypes.of(this.profiles.find(profile).orElseThrow())).doesNotContain(type);
		TestDevice device = new TestDevice("unserved-" + type.code());
		String transactionId = TestDevice.newTransactionId();
		int redemptions = upstreams.redemptionCalls.get();
		// a PKCS#10 with a good challenge: served as a PKCSReq it would be issued
		byte[] message = ScepRequestBuilder.pkiMessage(type, device.csr(FakeUpstreams.GOOD_CHALLENGE).getEncoded(),
				device.signer(), device.keyPair().getPrivate(), ra().encryptionCertificate(), transactionId,
				new byte[16], CMSAlgorithm.AES128_CBC, "SHA-256");
		CertRepResponse answer = device.read(pkiOperation("/scep/" + profile, message), ra().signingCertificate());
		assertThat(answer.status()).isEqualTo(PkiStatus.FAILURE);
		assertThat(answer.failInfo()).isEqualTo(FailInfo.BAD_REQUEST);
		assertThat(answer.failInfoText()).isEqualTo("messageType " + type.rfcName() + " not served");
		assertThat(rowsFor(transactionId)).isZero();
		assertThat(upstreams.redemptionCalls.get()).isEqualTo(redemptions);
		assertThat(upstreams.issuedFor(transactionId)).isZero();
	}

	@Test
	void whenGetCaCapsThenRenewalAndGetNextCaCertOnlyWhenServed() throws Exception {
		for (String profile : Set.of("default", "wifi", "intune")) {
			Set<CaCapability> caps = CaCapability
				.parse(new String(get("/scep/" + profile + "?operation=GetCACaps").body(), StandardCharsets.US_ASCII));
			boolean renewal = ServedMessageTypes.of(this.profiles.find(profile).orElseThrow())
				.contains(MessageType.RENEWAL_REQ);
			assertThat(caps.contains(CaCapability.RENEWAL)).as(profile).isEqualTo(renewal);
			assertThat(caps).as(profile).doesNotContain(CaCapability.GET_NEXT_CA_CERT);
		}
	}

	@ParameterizedTest
	@CsvSource({ "AES, SHA-256", "AES, SHA-512", "AES, SHA-1", "DES3, SHA-256", "DES3, SHA-1" })
	void whenAnAdvertisedAlgorithmIsUsedThenEnrolled(String cipher, String digest) throws Exception {
		Set<CaCapability> caps = CaCapability
			.parse(new String(get("/scep/default?operation=GetCACaps").body(), StandardCharsets.US_ASCII));
		assertThat(caps).contains(CaCapability.valueOf(cipher), CaCapability.valueOf(digest.replace("-", "_")));
		ASN1ObjectIdentifier oid = cipher.equals("AES") ? CMSAlgorithm.AES128_CBC : CMSAlgorithm.DES_EDE3_CBC;
		TestDevice device = new TestDevice("advertised-" + cipher + digest);
		byte[] message = device.pkcsReq(device.csr(FakeUpstreams.GOOD_CHALLENGE), ra().encryptionCertificate(),
				TestDevice.newTransactionId(), oid, digest);
		assertThat(device.read(pkiOperation("/scep/default", message), ra().signingCertificate()).status())
			.isEqualTo(PkiStatus.SUCCESS);
	}

}
