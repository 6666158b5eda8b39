package io.keyward.gateway.transaction;

/**
 * Where a SCEP transaction stands. RECEIVED is also the state of a transaction whose
 * upstream call failed and that the client may retry with the same transactionID.
 */
public enum TransactionStatus {

	RECEIVED, ISSUED, FAILED

}
