package io.keyward.admin.enrollment;

import static io.keyward.admin.web.FormValues.blankToNull;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import io.keyward.admin.web.Csv;
import io.keyward.admin.web.Upstream;
import io.keyward.api.gateway.EnrollmentLogClient;
import io.keyward.api.gateway.EnrollmentTransaction;
import io.keyward.api.gateway.TransactionPage;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A request search as CSV ({@code /enrollments.csv}, the page's {@code q}, filters and
 * {@code sort}): the whole search, streamed page by page as the gateway's keyset cursor
 * reads it, so a large export holds one page in memory. The first page is read before the
 * answer starts, so a bad query is a 400 problem and not a broken file. Quoting and the
 * formula-injection guard are {@link Csv}'s.
 */
@Controller
class EnrollmentExportController {

	static final String PATH = "/enrollments.csv";

	private static final int BATCH = 500;

	private final EnrollmentLogClient enrollmentLog;

	EnrollmentExportController(EnrollmentLogClient enrollmentLog) {
		this.enrollmentLog = enrollmentLog;
	}

	@GetMapping(PATH)
	ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) String q,
			@RequestParam(required = false) String sort, @RequestParam(required = false) String status,
			@RequestParam(required = false) String profile, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to) {
		String query = EnrollmentsController.filters(status, profile, from, to).query(blankToNull(q));
		String order = blankToNull(sort);
		TransactionPage first = page(query, order, null);
		StreamingResponseBody body = (OutputStream out) -> write(out, first, query, order);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("keyward-enrollments.csv").build().toString())
			.body(body);
	}

	private void write(OutputStream out, TransactionPage first, String query, String order) throws IOException {
		Writer csv = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		csv.write(Csv.line("created_at", "profile", "transaction_id", "message_type", "subject", "status", "fail_info",
				"failure_reason", "serial", "correlation_id"));
		TransactionPage page = first;
		while (true) {
			for (EnrollmentTransaction transaction : page.items()) {
				EnrollmentState state = EnrollmentState.of(transaction.status(), transaction.failureReason());
				EnrollmentRow row = EnrollmentRow.of(transaction);
				csv.write(Csv.line(String.valueOf(transaction.createdAt()), transaction.profile(),
						transaction.transactionId(), transaction.messageType(), transaction.subject(), state.label(),
						transaction.failInfo(), transaction.failureReason(), row.serial(),
						transaction.correlationId()));
			}
			if (page.nextCursor() == null) {
				break;
			}
			csv.flush();
			page = page(query, order, page.nextCursor());
		}
		csv.flush();
	}

	private TransactionPage page(String query, String order, String after) {
		return Upstream.call("scep-gateway", () -> this.enrollmentLog.search(query, order, after, BATCH));
	}

}
