package io.keyward.loadgen;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.keyward.scep.CertRep;
import io.keyward.scep.CertRepEncoder;
import io.keyward.scep.CertificationRequest;
import io.keyward.scep.FailInfo;
import io.keyward.scep.MessageType;
import io.keyward.scep.PkiMessageDecoder;
import io.keyward.scep.PkiRequest;
import io.keyward.scep.RecipientKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * A micromdm-like SCEP server for the load generator's own tests: one CA certificate for
 * both RA roles, a static challenge, RenewalReq refused, and a serial counter that can be
 * told to repeat itself as micromdm's unlocked file counter does.
 */
final class FakeScepServer implements AutoCloseable {

	private final HttpServer http;

	private final KeyPair caKeys;

	private final X509Certificate ca;

	private final String challenge;

	private final boolean repeatSerials;

	private final AtomicLong serial = new AtomicLong(1);

	private final Queue<Long> pkiOperationArrivals = new ConcurrentLinkedQueue<>();

	FakeScepServer(String challenge, boolean repeatSerials) throws Exception {
		this.challenge = challenge;
		this.repeatSerials = repeatSerials;
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		this.caKeys = generator.generateKeyPair();
		X500Name name = new X500Name("CN=Fake SCEP CA");
		JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
				Date.from(Instant.now().minus(Duration.ofHours(1))), Date.from(Instant.now().plus(Duration.ofDays(1))),
				name, this.caKeys.getPublic());
		builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
		builder.addExtension(Extension.keyUsage, true,
				new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
		this.ca = sign(builder);
		this.http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.http.setExecutor(Executors.newFixedThreadPool(4));
		this.http.createContext("/scep", this::handle);
		this.http.start();
	}

	/**
	 * @return when each PKIOperation arrived ({@link System#nanoTime()}), in order
	 */
	List<Long> pkiOperationArrivals() {
		return List.copyOf(this.pkiOperationArrivals);
	}

	String url() {
		return "http://127.0.0.1:" + this.http.getAddress().getPort() + "/scep";
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String query = exchange.getRequestURI().getRawQuery();
			if (query.contains("operation=GetCACaps")) {
				respond(exchange, 200, "text/plain", "POSTPKIOperation\nSHA-256\nAES\n".getBytes());
			}
			else if (query.contains("operation=GetCACert")) {
				respond(exchange, 200, "application/x-x509-ca-cert", this.ca.getEncoded());
			}
			else if (query.contains("operation=PKIOperation") && "POST".equals(exchange.getRequestMethod())) {
				this.pkiOperationArrivals.add(System.nanoTime());
				respond(exchange, 200, "application/x-pki-message", certRep(exchange.getRequestBody().readAllBytes()));
			}
			else {
				respond(exchange, 400, "text/plain", "bad request".getBytes());
			}
		}
		catch (Exception ex) {
			respond(exchange, 500, "text/plain", new byte[0]);
		}
	}

	private byte[] certRep(byte[] body) throws Exception {
		PkiRequest request = new PkiMessageDecoder(List.of(new RecipientKey(this.ca, this.caKeys.getPrivate())))
			.decode(body);
		CertRepEncoder encoder = new CertRepEncoder(this.ca, this.caKeys.getPrivate());
		if (request.messageType().orElse(null) != MessageType.PKCS_REQ) {
			return encoder.encode(CertRep.failure(request, FailInfo.BAD_REQUEST, "only PKCSReq"));
		}
		CertificationRequest csr = CertificationRequest.parse(request.messageData());
		if (!csr.challengePassword().map(this.challenge::equals).orElse(false)) {
			return encoder.encode(CertRep.failure(request, FailInfo.BAD_REQUEST, "wrong challenge"));
		}
		long next = this.repeatSerials ? 2 : this.serial.incrementAndGet();
		JcaPKCS10CertificationRequest pkcs10 = new JcaPKCS10CertificationRequest(csr.pkcs10());
		X509Certificate issued = sign(new JcaX509v3CertificateBuilder(this.ca, BigInteger.valueOf(next),
				Date.from(Instant.now().minus(Duration.ofMinutes(5))),
				Date.from(Instant.now().plus(Duration.ofDays(1))), pkcs10.getSubject(), pkcs10.getPublicKey()));
		return encoder.encode(CertRep.success(request, List.of(issued, this.ca)));
	}

	private X509Certificate sign(JcaX509v3CertificateBuilder builder) throws Exception {
		return new JcaX509CertificateConverter().getCertificate(
				builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(this.caKeys.getPrivate())));
	}

	private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", type);
		exchange.sendResponseHeaders(status, (body.length == 0) ? -1 : body.length);
		if (body.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	@Override
	public void close() {
		this.http.stop(0);
		((java.util.concurrent.ExecutorService) this.http.getExecutor()).shutdownNow();
	}

}
