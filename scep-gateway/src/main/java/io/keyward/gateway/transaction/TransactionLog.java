package io.keyward.gateway.transaction;

import java.time.Clock;
import java.util.UUID;

import io.keyward.api.gateway.TransactionPage;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records SCEP transactions and answers for them.
 */
@Component
public class TransactionLog {

	private final ScepTransactionRepository repository;

	private final Clock clock;

	TransactionLog(ScepTransactionRepository repository, Clock clock) {
		this.repository = repository;
		this.clock = clock;
	}

	/**
	 * Record a new transaction or find the existing one, and lock it for the rest of the
	 * caller's database transaction. Must run inside one.
	 * @return the locked row and whether it was created by this call
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Recorded recordAndLock(NewTransaction request) {
		int inserted = this.repository.insertIfAbsent(UUID.randomUUID(), request.profile(), request.transactionId(),
				request.messageType(), request.signerKeySha256(), request.csrSha256(), request.subject(),
				this.clock.instant());
		ScepTransaction row = this.repository.lock(request.profile(), request.transactionId())
			.orElseThrow(() -> new IllegalStateException("transaction row missing after insert"));
		return new Recorded(row, inserted == 1);
	}

	@Transactional(readOnly = true)
	public TransactionPage page(int page, int size) {
		Page<ScepTransaction> result = this.repository.newestFirst(PageRequest.of(page, size));
		return new TransactionPage(result.map(ScepTransaction::toApi).getContent(), page, size,
				result.getTotalElements());
	}

	/**
	 * What the enrollment knows before the row exists.
	 */
	public record NewTransaction(String profile, String transactionId, String messageType, String signerKeySha256,
			String csrSha256, String subject) {
	}

	/**
	 * @param transaction the locked row
	 * @param created whether this request created it
	 */
	public record Recorded(ScepTransaction transaction, boolean created) {
	}

}
