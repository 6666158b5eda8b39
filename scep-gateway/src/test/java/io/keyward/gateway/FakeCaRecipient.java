package io.keyward.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import io.keyward.api.ca.CertRepSigningRequest;
import io.keyward.api.ca.OpenedScepEnvelope;
import io.keyward.api.ca.ScepEnvelope;
import io.keyward.api.ca.SignedCertRep;
import io.keyward.scep.CertRepAttributes;
import io.keyward.scep.CertRepEncoder;
import io.keyward.scep.FailInfo;
import io.keyward.scep.PkcsPkiEnvelope;
import io.keyward.scep.PkiStatus;
import io.keyward.scep.ScepAlgorithms;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ca-adapter's {@code /api/v1/scep-recipient/**} for gateway tests: the same envelope
 * and CertRep code the ca-adapter runs (scep-protocol), with the test CA's key. The
 * ca-adapter's own checks (scopes, bounds, refusals) are tested there
 * (ScepRecipientTests).
 */
public final class FakeCaRecipient {

	private final TestCertificateAuthority ca;

	private final JsonMapper json = JsonMapper.builder().build();

	/** When set, both endpoints answer 503. */
	public volatile boolean down;

	public final AtomicInteger opened = new AtomicInteger();

	public final AtomicInteger signed = new AtomicInteger();

	FakeCaRecipient(TestCertificateAuthority ca) {
		this.ca = ca;
	}

	void open(HttpExchange exchange) throws IOException {
		byte[] body = FakeUpstreams.read(exchange);
		if (refused(exchange)) {
			return;
		}
		ScepEnvelope request = this.json.readValue(body, ScepEnvelope.class);
		try {
			PkcsPkiEnvelope.Opened opened = new PkcsPkiEnvelope(List.of(this.ca.recipientKey()),
					ScepAlgorithms.withLegacySingleDes(), null)
				.open(Base64.getDecoder().decode(request.envelope()));
			this.opened.incrementAndGet();
			send(exchange, 200, new OpenedScepEnvelope(Base64.getEncoder().encodeToString(opened.messageData()),
					opened.cipher().getId(), opened.keyTransport().getId()));
		}
		catch (PkcsPkiEnvelope.EnvelopeException ex) {
			FakeUpstreams.send(exchange, 422, "application/problem+json",
					("{\"status\":422,\"detail\":\"" + ex.getMessage() + "\"}").getBytes(StandardCharsets.UTF_8));
		}
	}

	void sign(HttpExchange exchange) throws IOException {
		byte[] body = FakeUpstreams.read(exchange);
		if (refused(exchange)) {
			return;
		}
		CertRepSigningRequest request = this.json.readValue(body, CertRepSigningRequest.class);
		CertRepAttributes attributes = new CertRepAttributes(request.transactionId(),
				Base64.getDecoder().decode(request.recipientNonce()), PkiStatus.valueOf(request.pkiStatus()),
				(request.failInfo() != null) ? FailInfo.valueOf(request.failInfo()) : null, request.failInfoText(),
				(request.digestAlgorithm() != null) ? new ASN1ObjectIdentifier(request.digestAlgorithm()) : null);
		byte[] envelope = (request.pkcsPkiEnvelope() != null) ? Base64.getDecoder().decode(request.pkcsPkiEnvelope())
				: null;
		byte[] certRep = new CertRepEncoder(this.ca.certificate(), this.ca.recipientKey().privateKey(),
				Boolean.TRUE.equals(request.emptyContentWhenOmitted())
						? CertRepEncoder.OmittedEnvelope.EMPTY_OCTET_STRING : CertRepEncoder.OmittedEnvelope.ABSENT)
			.encode(attributes, envelope);
		this.signed.incrementAndGet();
		send(exchange, 200, new SignedCertRep(Base64.getEncoder().encodeToString(certRep)));
	}

	private boolean refused(HttpExchange exchange) throws IOException {
		if (!("Bearer " + FakeUpstreams.SERVICE_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
			FakeUpstreams.send(exchange, 401, "application/problem+json",
					"{\"status\":401}".getBytes(StandardCharsets.UTF_8));
			return true;
		}
		if (this.down) {
			FakeUpstreams.send(exchange, 503, "application/problem+json",
					"{\"status\":503}".getBytes(StandardCharsets.UTF_8));
			return true;
		}
		return false;
	}

	private void send(HttpExchange exchange, int status, Object body) throws IOException {
		FakeUpstreams.send(exchange, status, "application/json", this.json.writeValueAsBytes(body));
	}

}
