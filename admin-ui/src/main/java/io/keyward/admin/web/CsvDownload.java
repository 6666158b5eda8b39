package io.keyward.admin.web;

import java.util.List;
import java.util.function.Function;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A list page's rows as a CSV download: the header line, then one {@link Csv} line per
 * row (RFC 4180 quoting and the formula-injection guard are {@link Csv}'s).
 */
public final class CsvDownload {

	private CsvDownload() {
	}

	/**
	 * @param filename the file's name as the browser saves it
	 * @param header the column names
	 * @param rows the rows, in order
	 * @param cells one row's cells, in the header's order
	 */
	public static <T> ResponseEntity<String> of(String filename, List<String> header, List<T> rows,
			Function<T, List<String>> cells) {
		StringBuilder csv = new StringBuilder(Csv.line(header.stream()));
		rows.forEach((row) -> csv.append(Csv.line(cells.apply(row).stream())));
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(filename).build().toString())
			.body(csv.toString());
	}

}
