package io.keyward.gateway.approval;

/**
 * No transaction has this id (HTTP 404).
 */
public class TransactionNotFound extends RuntimeException {

	TransactionNotFound(Object id) {
		super("no transaction with id " + id);
	}

}
