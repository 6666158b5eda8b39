package io.keyward.gateway.transaction;

/**
 * Where a SCEP transaction stands. RECEIVED means open: being worked on, or waiting for
 * its next attempt after an upstream service was unavailable (the device meanwhile sees
 * PENDING, RFC 8894 section 3.3.2.3, or a retryable FAILURE). WAITING_APPROVAL means its
 * challenge was accepted on a profile that requires approval and nobody may ask the CA
 * until an admin approves it (then it is RECEIVED again); the device sees PENDING.
 */
public enum TransactionStatus {

	RECEIVED, WAITING_APPROVAL, ISSUED, FAILED

}
