package io.keyward.loadgen;

import java.security.SecureRandom;

import io.keyward.scep.MessageType;
import io.keyward.scep.client.ScepRequestBuilder;

/**
 * A device's PKCSReq, built before the timed phase once the RA encryption certificate is
 * known, so the timed phase measures the server rather than the client's signing.
 *
 * @param device the device
 * @param senderNonce the fresh nonce the CertRep must echo as recipientNonce (RFC 8894
 * section 3.2.1.5)
 * @param pkiMessage the DER request
 */
record PreparedRequest(Device device, byte[] senderNonce, byte[] pkiMessage) {

	private static final SecureRandom RANDOM = new SecureRandom();

	static PreparedRequest pkcsReq(Device device, ServerCertificates server, LoadgenOptions options) {
		byte[] nonce = nonce();
		return new PreparedRequest(device, nonce,
				ScepRequestBuilder.pkiMessage(MessageType.PKCS_REQ, device.csr(), device.signer(),
						device.keys().getPrivate(), server.encryption(), device.transactionId(), nonce,
						options.cipher(), options.digest()));
	}

	static byte[] nonce() {
		byte[] nonce = new byte[16];
		RANDOM.nextBytes(nonce);
		return nonce;
	}

}
