package io.keyward.loadgen;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Locale;

import io.keyward.scep.MalformedMessageException;
import io.keyward.scep.PkiStatus;
import io.keyward.scep.client.CertRepReader;
import io.keyward.scep.client.CertRepResponse;

/**
 * One PKIOperation round trip as a careful client makes it: POST, then verify the
 * CertRep's signature with the RA signing certificate, its transactionID and
 * recipientNonce, decrypt it and check the issued certificate carries the requested key
 * (RFC 8894 sections 3.3.2 and 3.2.1.5). The latency recorded is the HTTP round trip.
 */
final class PkiExchange {

	private final ScepEndpoint endpoint;

	private final ServerCertificates server;

	private final Recorder recorder;

	PkiExchange(ScepEndpoint endpoint, ServerCertificates server, Recorder recorder) {
		this.endpoint = endpoint;
		this.server = server;
		this.recorder = recorder;
	}

	/**
	 * @param operation PKIOperation (PKCSReq) or RenewalReq
	 * @param pkiMessage the request
	 * @param senderNonce its senderNonce
	 * @param transactionId its transactionID
	 * @param recipientKey the key of the request's signer certificate
	 * @param requestedKey the public key of the CSR
	 * @param challenge what the request carried, recorded with the certificate
	 * @return the issued certificate, or null when the exchange failed (recorded)
	 */
	X509Certificate exchange(Operation operation, byte[] pkiMessage, byte[] senderNonce, String transactionId,
			PrivateKey recipientKey, PublicKey requestedKey, String challenge) throws InterruptedException {
		return exchange(System.nanoTime(), operation, pkiMessage, senderNonce, transactionId, recipientKey,
				requestedKey, challenge);
	}

	/**
	 * The same, with the latency counted from a given instant: in an open-loop run the
	 * request's intended start ({@link OpenLoopSchedule}), which may lie before now.
	 * @param start {@link System#nanoTime()} the latency counts from
	 */
	X509Certificate exchange(long start, Operation operation, byte[] pkiMessage, byte[] senderNonce,
			String transactionId, PrivateKey recipientKey, PublicKey requestedKey, String challenge)
			throws InterruptedException {
		ScepEndpoint.Response response;
		try {
			response = this.endpoint.pkiOperation(pkiMessage);
		}
		catch (IOException ex) {
			this.recorder.record(operation, start, System.nanoTime() - start, kind(ex));
			return null;
		}
		long nanos = System.nanoTime() - start;
		if (response.statusCode() != 200) {
			this.recorder.record(operation, start, nanos, "HTTP " + response.statusCode());
			return null;
		}
		CertRepResponse certRep;
		try {
			certRep = CertRepReader.read(response.body(), this.server.signing(), recipientKey);
		}
		catch (MalformedMessageException ex) {
			this.recorder.record(operation, start, nanos, "invalid CertRep");
			return null;
		}
		String problem = check(certRep, senderNonce, transactionId, requestedKey);
		this.recorder.record(operation, start, nanos, problem);
		if (problem != null) {
			return null;
		}
		X509Certificate issued = certRep.certificates().get(0);
		this.recorder.issued(new IssuedCertificate(operation, transactionId,
				issued.getSerialNumber().toString(16).toUpperCase(Locale.ROOT), challenge));
		return issued;
	}

	static String kind(IOException ex) {
		return (ex instanceof InterruptedIOException) ? "timeout" : "IOException " + ex.getClass().getSimpleName();
	}

	static String check(CertRepResponse certRep, byte[] senderNonce, String transactionId, PublicKey requestedKey) {
		if (!transactionId.equals(certRep.transactionId())) {
			return "invalid CertRep (transactionID)";
		}
		if (!Arrays.equals(senderNonce, certRep.recipientNonce())) {
			return "invalid CertRep (recipientNonce)";
		}
		if (certRep.status() == PkiStatus.FAILURE) {
			return "FAILURE " + certRep.failInfo().rfcName();
		}
		if (certRep.status() == PkiStatus.PENDING) {
			return "PENDING";
		}
		if (certRep.certificates().isEmpty() || !Arrays
			.equals(certRep.certificates().get(0).getPublicKey().getEncoded(), requestedKey.getEncoded())) {
			return "invalid CertRep (issued certificate)";
		}
		return null;
	}

}
