package io.keyward.gateway.transaction;

/**
 * Where a SCEP transaction stands. RECEIVED means open: being worked on, or waiting for
 * its next attempt after an upstream service was unavailable (the device meanwhile sees
 * PENDING, RFC 8894 section 3.3.2.3, or a retryable FAILURE).
 */
public enum TransactionStatus {

	RECEIVED, ISSUED, FAILED

}
