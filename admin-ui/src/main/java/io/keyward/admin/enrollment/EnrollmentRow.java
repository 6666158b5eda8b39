package io.keyward.admin.enrollment;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.keyward.admin.web.RemoteCall;
import io.keyward.admin.web.Timestamps;
import io.keyward.api.SerialNumbers;
import io.keyward.api.gateway.EnrollmentTransaction;
import io.keyward.api.gateway.TransactionPage;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * One line of the enrollment table. Subject, reason and transactionID come from devices
 * and are attacker-controlled: the template prints them only with {@code th:text}.
 *
 * @param time when the request arrived, UTC
 * @param profile enrollment profile
 * @param transactionId SCEP transactionID (RFC 8894 section 3.2.1.1)
 * @param messageType PKCSReq, RenewalReq, ...
 * @param subject subject DN from the CSR
 * @param status the state as an admin reads it ({@link EnrollmentState}): Pending,
 * Waiting for approval, Issued, Refused, Rejected or Expired
 * @param statusStyle CSS class suffix for the status badge, from a fixed set
 * @param reason failInfo and reason when FAILED, otherwise empty
 * @param serial certificate serial when ISSUED, as {@link SerialNumbers#hex(String)}
 * shows it, otherwise empty
 * @param id the gateway's id of the request, for approve and reject
 * @param algorithms what the device used (content encryption, key transport, digest,
 * signature), empty when the gateway recorded none
 * @param legacy whether any of them is legacy crypto (DES, triple DES, MD5, SHA-1), so
 * admins see which devices still need it
 * @param correlationId the enrollment's correlation id (issue 14), empty when not
 * recorded
 */
public record EnrollmentRow(String time, String profile, String transactionId, String messageType, String subject,
		String status, String statusStyle, String reason, String serial, String id, String algorithms, boolean legacy,
		String correlationId) {

	/**
	 * Single DES (1.3.14.3.2.7), triple DES, MD5 and SHA-1, as the gateway names them.
	 */
	private static final Pattern LEGACY = Pattern.compile("^(DES.*|1\\.3\\.14\\.3\\.2\\.7|MD5.*|SHA1.*)$");

	/**
	 * @return the rows of a search page the gateway answered, none when it did not
	 */
	public static List<EnrollmentRow> rows(RemoteCall<TransactionPage> call) {
		TransactionPage answer = call.ok() ? call.value() : null;
		return (answer != null && answer.items() != null) ? answer.items().stream().map(EnrollmentRow::of).toList()
				: List.of();
	}

	/**
	 * @param link the same search's link
	 * @return the link to the search's next page, null when the gateway has none
	 */
	public static String next(RemoteCall<TransactionPage> call, UriComponentsBuilder link) {
		TransactionPage answer = call.ok() ? call.value() : null;
		return (answer != null && answer.nextCursor() != null)
				? link.queryParam("after", answer.nextCursor()).encode().toUriString() : null;
	}

	public static EnrollmentRow of(EnrollmentTransaction transaction) {
		EnrollmentState state = EnrollmentState.of(transaction.status(), transaction.failureReason());
		return new EnrollmentRow(Timestamps.utc(transaction.createdAt()), orEmpty(transaction.profile()),
				orEmpty(transaction.transactionId()), orEmpty(transaction.messageType()),
				orEmpty(transaction.subject()), state.label(), state.style(), reason(transaction),
				orEmpty(SerialNumbers.hex(transaction.certificateSerial())), orEmpty(transaction.id()),
				String.join(" · ", algorithms(transaction)),
				algorithms(transaction).stream().anyMatch((name) -> LEGACY.matcher(name).matches()),
				orEmpty(transaction.correlationId()));
	}

	private static List<String> algorithms(EnrollmentTransaction transaction) {
		return Stream
			.of(transaction.contentEncryptionAlgorithm(), transaction.keyTransportAlgorithm(),
					transaction.digestAlgorithm(), transaction.signatureAlgorithm())
			.filter(Objects::nonNull)
			.toList();
	}

	private static String reason(EnrollmentTransaction transaction) {
		String failInfo = orEmpty(transaction.failInfo());
		String reason = orEmpty(transaction.failureReason());
		if (failInfo.isEmpty() || reason.isEmpty()) {
			return failInfo + reason;
		}
		return failInfo + ": " + reason;
	}

	private static String orEmpty(String value) {
		return (value != null) ? value : "";
	}

}
