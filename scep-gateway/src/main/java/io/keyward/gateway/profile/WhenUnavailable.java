package io.keyward.gateway.profile;

/**
 * What a device is answered while the challenge-service or the ca-adapter cannot be
 * reached. Either way its transaction stays open and the gateway completes it once the
 * service is back; the device gets the outcome by polling or by repeating its request.
 */
public enum WhenUnavailable {

	/**
	 * CertRep PENDING (RFC 8894 section 3.3.2.3): the device polls with CertPoll under
	 * the same transactionID (Apple: {@code RetryDelay}, micromdm: every 30 s).
	 */
	PENDING,

	/**
	 * CertRep FAILURE badRequest "service unavailable, retry": for profiles whose clients
	 * must not see PENDING (Intune-managed SCEP profiles, protocol brief section 2.9);
	 * they repeat the request instead, which is then answered from the completed
	 * transaction.
	 */
	FAILURE

}
