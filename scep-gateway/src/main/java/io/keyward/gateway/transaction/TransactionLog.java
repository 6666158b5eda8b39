package io.keyward.gateway.transaction;

import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.keyward.edge.log.CorrelationIds;
import io.keyward.gateway.GatewayProperties;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Records SCEP transactions and answers for them.
 * <p>
 * A PKCSReq that is about to call the challenge-service and the ca-adapter first
 * <em>claims</em> its transaction ({@link TransactionClaims}): the insert of a new row
 * carries the claim and the CSR, an open unclaimed row is taken over. An identical
 * request arriving meanwhile finds the row claimed and polls until the outcome is
 * recorded, then answers from it, so two identical requests never both reach the CA
 * (protocol brief section 2.8).
 */
@Component
public class TransactionLog {

	/** How often a duplicate request looks whether the first one has finished. */
	static final Duration POLL_INTERVAL = Duration.ofMillis(20);

	private final JdbcClient jdbc;

	private final TransactionClaims claims;

	private final StoredCsr storedCsr;

	private final Clock clock;

	/** How long a duplicate waits for the request that holds the claim. */
	private final Duration wait;

	TransactionLog(JdbcClient jdbc, TransactionClaims claims, StoredCsr storedCsr, Clock clock,
			GatewayProperties properties) {
		this.jdbc = jdbc;
		this.claims = claims;
		this.storedCsr = storedCsr;
		this.clock = clock;
		this.wait = properties.timeout().multipliedBy(2).plusSeconds(5);
	}

	/**
	 * Record a new transaction or find the existing one, and claim it when it is still
	 * open. Waits while another request holds the claim.
	 * @return what the caller may do: work under the claim, or answer from the record
	 */
	public Recorded claim(NewTransaction request) {
		UUID token = UUID.randomUUID();
		// the trace id of this request; replaced by the challenge's once it is redeemed
		// (TransactionClaims#correlate)
		UUID correlationId = CorrelationIds.mint();
		Instant now = this.clock.instant();
		// its searchable names (migration V20) go in with the row, in one statement,
		// so no request is ever recorded without them
		int inserted = this.jdbc.sql("""
				with recorded as (
				insert into transaction (id, profile, transaction_id, message_type, signer_key_sha256, csr_sha256,
				    csr, subject, status, created_at, updated_at, claim_token, claimed_at, renewal_of,
				    content_encryption_algorithm, key_transport_algorithm, digest_algorithm, signature_algorithm,
				    correlation_id)
				values (:id, :profile, :transactionId, :messageType, :signerKeySha256, :csrSha256,
				    :csr, :subject, 'RECEIVED', :now, :now, :token, :now, :renewalOf,
				    :contentEncryption, :keyTransport, :digest, :signature, :correlationId)
				on conflict (profile, transaction_id, coalesce(renewal_of, '')) do nothing
				returning id, subject),
				names as (
				    insert into transaction_name (request_id, name)
				    select recorded.id, n.name from recorded, transaction_names(recorded.subject, :sans) n(name))
				select count(*) from recorded
				""")
			.param("id", UUID.randomUUID())
			.param("profile", request.profile())
			.param("transactionId", request.transactionId())
			.param("messageType", request.messageType())
			.param("signerKeySha256", request.signerKeySha256())
			.param("csrSha256", request.csrSha256())
			.param("csr", this.storedCsr.seal(request.csr()))
			.param("subject", request.subject())
			.param("now", TransactionClaims.utc(now))
			.param("token", token)
			.param("renewalOf", request.renewalOf(), Types.VARCHAR)
			.param("contentEncryption", request.algorithms().contentEncryption())
			.param("keyTransport", request.algorithms().keyTransport())
			.param("digest", request.algorithms().digest())
			.param("signature", request.algorithms().signature())
			.param("correlationId", correlationId)
			.param("sans", request.subjectAltNames().toArray(String[]::new))
			.query(Integer.class)
			.single();
		if (inserted == 1) {
			return new Recorded(Outcome.CLAIMED,
					new Claim(request.profile(), request.transactionId(), token, 0, null, now, correlationId), null);
		}
		long deadline = System.nanoTime() + this.wait.toNanos();
		while (true) {
			TransactionRow row = find(request.profile(), request.transactionId(), request.renewalOf())
				.orElseThrow(() -> new IllegalStateException("transaction row missing after insert"));
			if (!row.csrSha256().equals(request.csrSha256())) {
				return new Recorded(Outcome.OTHER_CSR, null, row);
			}
			if (!row.open()) {
				return new Recorded(Outcome.ANSWERED, null, row);
			}
			if (this.claims.claimable(row)) {
				Optional<Claim> claim = this.claims.takeOver(row, request.csr());
				if (claim.isPresent()) {
					return new Recorded(Outcome.CLAIMED, claim.get(), null);
				}
				continue;
			}
			if (System.nanoTime() - deadline > 0) {
				return new Recorded(Outcome.BUSY, null, row);
			}
			sleep();
		}
	}

	/**
	 * @param profile the profile name
	 * @param transactionId the transactionID
	 * @return the newest transaction recorded under it: the renewal, when a renewal
	 * repeated an enrollment's transactionID (what a CertPoll continues)
	 */
	public Optional<TransactionRow> find(String profile, String transactionId) {
		return this.jdbc
			.sql("select " + TransactionRow.COLUMNS + " from transaction where profile = :profile and "
					+ "transaction_id = :transactionId order by created_at desc limit 1")
			.param("profile", profile)
			.param("transactionId", transactionId)
			.query(this.claims.rows())
			.optional();
	}

	/**
	 * @param renewalOf the serial renewed, null for an enrollment
	 * @return the transaction recorded under this transactionID for this renewal (or
	 * enrollment), if any
	 */
	Optional<TransactionRow> find(String profile, String transactionId, String renewalOf) {
		return this.jdbc
			.sql("select " + TransactionRow.COLUMNS + " from transaction where profile = :profile and "
					+ "transaction_id = :transactionId and coalesce(renewal_of, '') = :renewalOf")
			.param("profile", profile)
			.param("transactionId", transactionId)
			.param("renewalOf", (renewalOf != null) ? renewalOf : "")
			.query(this.claims.rows())
			.optional();
	}

	private static void sleep() {
		try {
			Thread.sleep(POLL_INTERVAL);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for a concurrent identical request", ex);
		}
	}

	/**
	 * What the enrollment knows before the row exists.
	 *
	 * @param csr the PKCS#10 request (DER), kept so the transaction can be completed
	 * without the device
	 * @param renewalOf the serial of the certificate that authorised it, null when a
	 * challenge does
	 * @param subjectAltNames the SANs the CSR requests, as SubjectAltNames renders them
	 * ({@code dns:host.example}): searchable names, not stored on the row
	 * @param algorithms what the device used
	 */
	public record NewTransaction(String profile, String transactionId, String messageType, String signerKeySha256,
			String csrSha256, byte[] csr, String subject, List<String> subjectAltNames, String renewalOf,
			ClientAlgorithms algorithms) {
	}

	/**
	 * What {@link #claim} found.
	 */
	public enum Outcome {

		/** This request holds the claim: go upstream, then record the outcome. */
		CLAIMED,

		/** Already ISSUED or FAILED: answer from the row. */
		ANSWERED,

		/** The transactionID was used with another CSR: refuse, leave the row alone. */
		OTHER_CSR,

		/**
		 * Another request still holds the claim after the wait: it will record the
		 * outcome.
		 */
		BUSY

	}

	/**
	 * @param outcome what to do
	 * @param claim when CLAIMED
	 * @param row when not CLAIMED
	 */
	public record Recorded(Outcome outcome, Claim claim, TransactionRow row) {
	}

}
