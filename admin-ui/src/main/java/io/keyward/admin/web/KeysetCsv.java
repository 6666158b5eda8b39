package io.keyward.admin.web;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A list that a service pages by keyset, downloaded whole as CSV: streamed page by page
 * as the service's cursor reads it, so a large export holds one page in memory. The
 * caller reads the first page before the answer starts, so a bad filter is a 400 problem
 * and not a broken file. Quoting and the formula-injection guard are {@link Csv}'s.
 */
public final class KeysetCsv {

	private KeysetCsv() {
	}

	/**
	 * @param filename the file's name as the browser saves it
	 * @param header the column names
	 * @param first the first page, already read
	 * @param following the page after a cursor
	 * @param cells one row's cells, in the header's order
	 */
	public static <T> ResponseEntity<StreamingResponseBody> of(String filename, List<String> header, Page<T> first,
			Function<String, Page<T>> following, Function<T, List<String>> cells) {
		StreamingResponseBody body = (OutputStream out) -> {
			Writer csv = new OutputStreamWriter(out, StandardCharsets.UTF_8);
			csv.write(Csv.line(header.stream()));
			Page<T> page = first;
			while (true) {
				for (T row : page.rows()) {
					csv.write(Csv.line(cells.apply(row).stream()));
				}
				csv.flush();
				if (page.next() == null) {
					break;
				}
				page = following.apply(page.next());
			}
		};
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(filename).build().toString())
			.body(body);
	}

	/**
	 * One page of rows and the cursor of the next, null on the last.
	 */
	public record Page<T>(List<T> rows, String next) {
	}

}
