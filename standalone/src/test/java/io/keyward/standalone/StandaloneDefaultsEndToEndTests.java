package io.keyward.standalone;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.keyward.sealing.KeyEncryptionKey;
import io.keyward.sealing.KeyEncryptionKeyFile;
import io.keyward.testsupport.clients.MicromdmScepClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standalone suite's defaults: its internal APIs listen on loopback only; the
 * challenge-service never holds the key-encryption key; a wrong or missing KEK (or
 * challenge key) stops the launcher in one line; and {@code kek rotate} re-seals every
 * key (also keys sealed by the previous version, and after an interruption) while
 * outstanding challenges stay valid.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneDefaultsEndToEndTests {

	static Path dataDir;

	static StandaloneSettings settings;

	static KeywardSuite suite;

	static String challenge;

	@BeforeAll
	static void startSuite() throws Exception {
		dataDir = Files.createTempDirectory(Path.of("target"), "kek-data").toAbsolutePath();
		settings = EnrollmentEndToEndTests.freePorts(dataDir);
		suite = KeywardSuite.start(settings, Map.of(), null);
	}

	@AfterAll
	static void stopSuite() {
		if (suite != null) {
			suite.close();
		}
	}

	@Test
	@Order(1)
	void whenTheSuiteRunsThenTheInternalApisListenOnLoopbackOnly() throws Exception {
		assertThat(suite.service("ca-adapter").getEnvironment().getProperty("server.address")).isEqualTo("127.0.0.1");
		assertThat(suite.service("challenge-service").getEnvironment().getProperty("server.address"))
			.isEqualTo("127.0.0.1");
		assertThat(reachable(InetAddress.getLoopbackAddress(), settings.caPort())).isTrue();
		Optional<InetAddress> external = nonLoopbackAddress();
		if (external.isPresent()) {
			assertThat(reachable(external.get(), settings.gatewayPort()))
				.as("the gateway answers on %s (so the check below can fail)", external.get())
				.isTrue();
			assertThat(reachable(external.get(), settings.caPort())).as("ca-adapter on %s", external.get()).isFalse();
			assertThat(reachable(external.get(), settings.challengePort()))
				.as("challenge-service on %s", external.get())
				.isFalse();
		}
	}

	private static boolean reachable(InetAddress address, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(address, port), 2000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
		return NetworkInterface.networkInterfaces().filter((network) -> {
			try {
				return network.isUp() && !network.isLoopback();
			}
			catch (IOException ex) {
				return false;
			}
		})
			.flatMap(NetworkInterface::inetAddresses)
			.filter((address) -> address instanceof Inet4Address && !address.isLoopbackAddress()
					&& !address.isLinkLocalAddress())
			.findFirst();
	}

	@Test
	@Order(2)
	void whenTheSuiteRunsThenTheChallengeServiceConfigurationHoldsNoKek() throws Exception {
		String kek = Files.readString(dataDir.resolve("kek")).strip();
		ConfigurableEnvironment environment = suite.service("challenge-service").getEnvironment();
		assertThat(environment.getProperty("keyward.kek")).isNull();
		List<String> holding = new ArrayList<>();
		environment.getPropertySources().forEach((source) -> {
			if (source instanceof EnumerablePropertySource<?> enumerable) {
				for (String name : enumerable.getPropertyNames()) {
					if (String.valueOf(enumerable.getProperty(name)).contains(kek)) {
						holding.add(source.getName() + ": " + name);
					}
				}
			}
		});
		assertThat(holding).as("properties of the challenge-service that hold the KEK").isEmpty();
		assertThat(suite.service("scep-gateway").getEnvironment().getProperty("keyward.challenge.hmac-key"))
			.as("and no other service is handed the challenge key")
			.isNull();
		SuiteClient client = new SuiteClient(suite, credential("mdm-api-key"));
		challenge = client.mintChallenge();
		suite.close();
		suite = null;
	}

	@Test
	@Order(3)
	void whenTheKekIsWrongThenTheLauncherSaysSoInOneLineWithoutAStackTrace() throws Exception {
		assertThat(launchWithAnotherKeyIn("kek")).containsPattern("does not open (\\d+) of \\1 sealed private keys");
	}

	@Test
	@Order(4)
	void whenTheKekIsMissingOverSealedKeysThenTheLauncherRefusesAndMakesNoNewOne() throws Exception {
		Path kek = dataDir.resolve("kek");
		Path aside = dataDir.resolve("kek.aside");
		Files.move(kek, aside);
		try {
			String output = launchExpectingRefusal();
			assertThat(output).contains("the key-encryption key is missing");
			assertThat(kek).as("no new KEK over sealed keys").doesNotExist();
		}
		finally {
			Files.move(aside, kek);
		}
	}

	@Test
	@Order(5)
	void whenTheChallengeKeyIsWrongThenTheLauncherRefusesRatherThanForgetOutstandingChallenges() throws Exception {
		assertThat(launchWithAnotherKeyIn("challenge-hmac-key")).contains("challenge HMAC key");
	}

	/** Another random key in {@code file} for one launch, then the original back. */
	private static String launchWithAnotherKeyIn(String file) throws IOException, InterruptedException {
		Path key = dataDir.resolve(file);
		String original = Files.readString(key);
		try {
			Files.writeString(key, KeyEncryptionKey.generate() + "\n");
			return launchExpectingRefusal();
		}
		finally {
			Files.writeString(key, original);
		}
	}

	@Test
	@Order(6)
	void whenTheKekIsRotatedAfterAnInterruptionThenEveryKeyIsResealedAndTheChallengeStillEnrolls() throws Exception {
		KeyEncryptionKey before = KeyEncryptionKey.of(Files.readString(dataDir.resolve("kek")));
		KeyEncryptionKey next;
		int caKeys;
		int gatewayBlobs;
		try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir, 0);
				Connection connection = database.connect()) {
			caKeys = SealedKeys.read(connection, "ca", false).size();
			assertThat(caKeys).as("the CA key and its OCSP signer's").isPositive();
			// an RA key as the previous version sealed it (format 1, no key id)
			SealedKeys.Sealed ra = SealedKeys.read(connection, "gateway", false).get(0);
			byte[] plain = before.open(ra.blob(), ra.purpose());
			try (PreparedStatement update = connection
				.prepareStatement("update gateway.ra_key set sealed_private_key = ? where id = ?")) {
				update.setBytes(1,
						sealAsPreviousVersion(Files.readString(dataDir.resolve("kek")), plain, ra.purpose()));
				update.setObject(2, ra.id());
				update.executeUpdate();
			}
			// a rotation interrupted after the gateway's schema was re-sealed
			next = KeyEncryptionKeyFile.next(dataDir);
			// the two RA keys and the TLS key (and the requests of open transactions, if
			// any)
			gatewayBlobs = SealedKeys.read(connection, "gateway", false).size();
			assertThat(gatewayBlobs).isGreaterThanOrEqualTo(3);
			assertThat(SealedKeys.reseal(connection, "gateway", before.alsoOpening(next), next))
				.isEqualTo(gatewayBlobs);
		}

		String report = KeyEncryptionKeyRotation.rotate(settings, null);

		assertThat(report).isEqualTo(
				"event=kek_rotated keyId=" + next.keyId() + " previousKeyId=" + before.keyId() + " resealed=" + caKeys);
		assertThat(KeyEncryptionKey.of(Files.readString(dataDir.resolve("kek"))).keyId()).isEqualTo(next.keyId());
		assertThat(dataDir.resolve("kek.next")).doesNotExist();
		try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir, 0);
				Connection connection = database.connect()) {
			assertThat(SealedKeys.read(connection, null, false)).hasSize(caKeys + gatewayBlobs)
				.allMatch((key) -> next.sealedThis(key.blob()));
		}
		suite = KeywardSuite.start(settings, Map.of(), null);
		SuiteClient client = new SuiteClient(suite, credential("mdm-api-key"));
		MicromdmScepClient.Enrollment enrollment = MicromdmScepClient.enroll(client.gatewayUrl("/scep/default"),
				challenge, "after-rotation", Files.createTempDirectory(Path.of("target"), "kek-device"));
		assertThat(enrollment.certificate()).as(enrollment.output()).isPresent();
		enrollment.certificate().get().verify(client.caCertificate().getPublicKey());
	}

	/** Runs the launcher as an operator would, and expects it to refuse. */
	private static String launchExpectingRefusal() throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), KeywardStandalone.class.getName())
			.redirectErrorStream(true);
		Map<String, String> environment = builder.environment();
		environment.keySet().removeIf((name) -> name.startsWith("KEYWARD_"));
		environment.put("KEYWARD_DATA_DIR", dataDir.toString());
		environment.put("KEYWARD_GATEWAY_PORT", String.valueOf(EnrollmentEndToEndTests.freePort()));
		environment.put("KEYWARD_CHALLENGE_PORT", String.valueOf(EnrollmentEndToEndTests.freePort()));
		environment.put("KEYWARD_CA_PORT", String.valueOf(EnrollmentEndToEndTests.freePort()));
		environment.put("KEYWARD_ADMIN_PORT", String.valueOf(EnrollmentEndToEndTests.freePort()));
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		System.out.println("launcher output:\n" + output);
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isEqualTo(1);
		List<String> refusal = output.lines().filter((line) -> line.startsWith("Keyward did not start: ")).toList();
		assertThat(refusal).as(output).hasSize(1);
		assertThat(output).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
		Path kek = dataDir.resolve("kek");
		if (Files.exists(kek)) {
			assertThat(output).as("no key material").doesNotContain(Files.readString(kek).strip());
		}
		return refusal.get(0);
	}

	/** Format 1 of Keyward 0.1: version byte, IV, AES-256-GCM ciphertext and tag. */
	private static byte[] sealAsPreviousVersion(String kek, byte[] plain, String purpose) throws Exception {
		byte[] iv = new byte[12];
		new SecureRandom().nextBytes(iv);
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(kek.strip()), "AES"),
				new GCMParameterSpec(128, iv));
		cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
		byte[] sealed = cipher.doFinal(plain);
		return ByteBuffer.allocate(1 + iv.length + sealed.length).put((byte) 1).put(iv).put(sealed).array();
	}

	private static String credential(String name) throws IOException {
		return Files.readString(dataDir.resolve("initial-credentials"))
			.lines()
			.filter((line) -> line.startsWith(name + "="))
			.map((line) -> line.substring(name.length() + 1).strip())
			.findFirst()
			.orElseThrow();
	}

}
