package io.keyward.ca.issuance;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import javax.security.auth.x500.X500Principal;

import io.keyward.ca.CaAdapterTest;
import io.keyward.ca.CaMigrationTests;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upgrading a database whose stored requests still carry the challengePassword (written
 * before issue 13): V11 rewrites them without it and leaves what it cannot parse.
 */
@CaAdapterTest
class StripChallengePasswordsMigrationTests extends CaMigrationTests {

	private static final String CHALLENGE = "F00DCAFE0123456789ABCDEF";

	@Test
	void whenAV6DatabaseHoldsChallengesInItsRequestsThenV11StripsThemAndKeepsTheRest() throws Exception {
		String schema = this.scratch.migrate("6").name();
		byte[] csr = csrWithChallenge();
		assertThat(new String(csr, StandardCharsets.ISO_8859_1)).contains(CHALLENGE);
		insertRequest(schema, "tx-with-challenge", csr);
		insertRequest(schema, "tx-not-a-csr", new byte[] { 0x30, 0x03, 0x02, 0x01, 0x01 });

		this.scratch.withJavaMigrations(new V11__StripChallengePasswords()).migrate();

		byte[] stripped = storedCsr(schema, "tx-with-challenge");
		assertThat(new String(stripped, StandardCharsets.ISO_8859_1)).doesNotContain(CHALLENGE);
		PKCS10CertificationRequest parsed = new PKCS10CertificationRequest(stripped);
		assertThat(parsed.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_challengePassword)).isEmpty();
		assertThat(parsed.getSubject().toString()).isEqualTo("CN=upgraded-device");
		assertThat(storedCsr(schema, "tx-not-a-csr")).containsExactly(0x30, 0x03, 0x02, 0x01, 0x01);
	}

	private void insertRequest(String schema, String transactionId, byte[] csr) {
		this.jdbc.update("insert into " + schema + ".certificate_request (transaction_id, profile, template, csr, "
				+ "subject, requested_at, status, csr_sha256) values (?, 'devices', 'default', ?, 'CN=upgraded', ?, "
				+ "'ISSUED', ?)", transactionId, csr, OffsetDateTime.now(ZoneOffset.UTC), transactionId);
	}

	private byte[] storedCsr(String schema, String transactionId) {
		return this.jdbc.queryForObject("select csr from " + schema + ".certificate_request where transaction_id = ?",
				byte[].class, transactionId);
	}

	private static byte[] csrWithChallenge() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		KeyPair keys = generator.generateKeyPair();
		return new JcaPKCS10CertificationRequestBuilder(new X500Principal("CN=upgraded-device"), keys.getPublic())
			.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_challengePassword, new DERPrintableString(CHALLENGE))
			.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()))
			.getEncoded();
	}

}
