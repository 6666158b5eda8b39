package io.keyward.admin.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServletResponse;

import io.keyward.admin.web.ApiProblem;
import io.keyward.admin.web.Csv;
import tools.jackson.databind.ObjectMapper;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The audit log as a download, in the order and with the filters asked for, in keyset
 * batches so a long log never sits in memory: CSV (RFC 4180; a cell that a spreadsheet
 * would run as a formula is prefixed with {@code '}) or JSON lines, one record per line.
 * Both carry each record's hashes, so the copy can be checked against the chain.
 */
@Component
public class AuditExport {

	private static final int BATCH = 500;

	private static final List<String> HEADER = List.of("seq", "at", "actor", "action", "target", "detail", "prev_hash",
			"hash");

	private final AuditLog auditLog;

	private final ObjectMapper json;

	AuditExport(AuditLog auditLog, ObjectMapper json) {
		this.auditLog = auditLog;
		this.json = json;
	}

	/**
	 * @param format {@code csv} or {@code jsonl}; anything else is a 400
	 * @param first the filters and order, every record they select is written
	 */
	public void write(String format, AuditQuery first, HttpServletResponse response) throws IOException {
		String kind = (format != null) ? format.toLowerCase(Locale.ROOT) : "";
		if (!kind.equals("csv") && !kind.equals("jsonl")) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "format must be csv or jsonl");
		}
		response.setContentType(kind.equals("csv") ? "text/csv;charset=UTF-8" : "application/jsonl;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment().filename("keyward-audit." + kind).build().toString());
		OutputStream body = response.getOutputStream();
		Writer out = new OutputStreamWriter(body, StandardCharsets.UTF_8);
		if (kind.equals("csv")) {
			out.write(csvLine(HEADER.stream()));
		}
		AuditQuery query = new AuditQuery(first.actor(), first.action(), first.text(), first.sort(), BATCH);
		List<AuditRecord> batch;
		do {
			batch = this.auditLog.page(query);
			for (AuditRecord record : batch) {
				out.write(kind.equals("csv") ? csv(record) : this.json.writeValueAsString(record) + "\n");
			}
			query = batch.isEmpty() ? query : query.next(batch.getLast());
		}
		while (batch.size() == BATCH);
		out.flush();
	}

	private static String csv(AuditRecord record) {
		return csvLine(Stream.of(Long.toString(record.seq()), record.at().toString(), record.actor(), record.action(),
				record.target(), record.detail(), record.previousHash(), record.hash()));
	}

	private static String csvLine(Stream<String> cells) {
		return Csv.line(cells);
	}

}
