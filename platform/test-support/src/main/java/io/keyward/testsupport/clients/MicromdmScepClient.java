package io.keyward.testsupport.clients;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * micromdm's {@code scepclient} (Debian package {@code scep}). It exits 0 even when the
 * server answers FAILURE, so it is judged by the certificate file it writes.
 */
public final class MicromdmScepClient {

	public static final Path PROGRAM = Path.of("/usr/bin/scepclient");

	private MicromdmScepClient() {
	}

	/**
	 * What one run produced.
	 *
	 * @param certificate the issued certificate, when the server answered SUCCESS
	 * @param output what scepclient printed
	 */
	public record Enrollment(Optional<X509Certificate> certificate, String output) {
	}

	/**
	 * Enroll once: a fresh RSA key, PKCSReq with the challenge.
	 * @param serverUrl for example {@code http://127.0.0.1:8080/certsrv/mscep/mscep.dll}
	 * @param workDir an empty directory for the key and certificate files
	 */
	public static Enrollment enroll(String serverUrl, String challenge, String commonName, Path workDir)
			throws IOException, InterruptedException {
		return enroll(serverUrl, challenge, commonName, workDir, 2048, null, null);
	}

	/**
	 * Enroll once with a fresh RSA key of the given size.
	 * @param keyBits the RSA modulus length scepclient generates
	 */
	public static Enrollment enroll(String serverUrl, String challenge, String commonName, Path workDir, int keyBits)
			throws IOException, InterruptedException {
		return enroll(serverUrl, challenge, commonName, workDir, keyBits, null, null);
	}

	/**
	 * Enroll over HTTPS as a real deployment does: scepclient (Go) verifies the server's
	 * TLS certificate against the system roots, or the PEM file {@code SSL_CERT_FILE}
	 * names instead; {@code -ca-fingerprint} pins the CA that GetCACert returns.
	 * @param serverUrl for example {@code https://127.0.0.1:8443/certsrv/mscep/mscep.dll}
	 * @param trustedCas PEM file of the CAs that may sign the server's TLS certificate,
	 * or null for the system roots
	 * @param caFingerprint hex SHA-256 of the CA certificate, or null
	 */
	public static Enrollment enroll(String serverUrl, String challenge, String commonName, Path workDir,
			Path trustedCas, String caFingerprint) throws IOException, InterruptedException {
		return enroll(serverUrl, challenge, commonName, workDir, 2048, trustedCas, caFingerprint);
	}

	private static Enrollment enroll(String serverUrl, String challenge, String commonName, Path workDir, int keyBits,
			Path trustedCas, String caFingerprint) throws IOException, InterruptedException {
		ExternalCommand.requireInstalled(PROGRAM, "scep");
		workDir = workDir.toAbsolutePath();
		Files.createDirectories(workDir);
		Path key = workDir.resolve("device.key");
		Path certificate = workDir.resolve("device.pem");
		List<String> command = new ArrayList<>(List.of(PROGRAM.toString(), "-server-url", serverUrl, "-challenge",
				challenge, "-private-key", key.toString(), "-certificate", certificate.toString(), "-cn", commonName,
				"-organization", "Keyward Test", "-keySize", String.valueOf(keyBits)));
		if (caFingerprint != null) {
			command.addAll(List.of("-ca-fingerprint", caFingerprint));
		}
		Map<String, String> environment = (trustedCas != null)
				? Map.of("SSL_CERT_FILE", trustedCas.toAbsolutePath().toString()) : Map.of();
		ExternalCommand.Result result = ExternalCommand.run(command, environment, workDir, 120);
		return new Enrollment(readCertificate(certificate), result.output());
	}

	static Optional<X509Certificate> readCertificate(Path file) throws IOException {
		if (!Files.exists(file) || Files.size(file) == 0) {
			return Optional.empty();
		}
		try (InputStream in = Files.newInputStream(file)) {
			return Optional.of((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
		}
		catch (CertificateException ex) {
			throw new IOException("not a certificate: " + file, ex);
		}
	}

}
