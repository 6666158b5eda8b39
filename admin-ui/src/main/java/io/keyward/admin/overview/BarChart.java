package io.keyward.admin.overview;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import io.keyward.api.gateway.EnrollmentStatistics.Bucket;

/**
 * A bar chart of issued and refused enrollments, drawn by the server as inline SVG (no
 * script, no library, nothing from a CDN): this record holds only numbers and labels, the
 * template places them with {@code th:attr} and writes every text with {@code th:text},
 * so nothing here is ever markup.
 *
 * @param title what the chart shows, also its accessible name
 * @param width the drawing's width in SVG units
 * @param height the drawing's height in SVG units
 * @param max the highest bucket's total, the top of the scale
 * @param bars one per bucket, oldest first
 */
record BarChart(String title, int width, int height, long max, List<Bar> bars) {

	static final int HEIGHT = 120;

	static final int BAR_WIDTH = 12;

	static final int GAP = 4;

	static BarChart of(String title, List<Bucket> buckets, DateTimeFormatter label) {
		long max = Math.max(1,
				buckets.stream().mapToLong((bucket) -> bucket.issued() + bucket.refused()).max().orElse(0));
		List<Bar> bars = new ArrayList<>();
		for (int i = 0; i < buckets.size(); i++) {
			Bucket bucket = buckets.get(i);
			int issued = scaled(bucket.issued(), max);
			int refused = scaled(bucket.refused(), max);
			bars.add(new Bar(i * (BAR_WIDTH + GAP), HEIGHT - issued, issued, HEIGHT - issued - refused, refused,
					label.format(bucket.start().atOffset(ZoneOffset.UTC)), bucket.issued(), bucket.refused()));
		}
		return new BarChart(title, Math.max(1, buckets.size() * (BAR_WIDTH + GAP)), HEIGHT, max, bars);
	}

	private static int scaled(long value, long max) {
		return (int) Math.round((double) value * HEIGHT / max);
	}

	/**
	 * @param x left edge
	 * @param issuedY top of the issued part
	 * @param issuedHeight its height
	 * @param refusedY top of the refused part, stacked on the issued one
	 * @param refusedHeight its height
	 * @param label the bucket's start, UTC
	 * @param issued how many were issued
	 * @param refused how many were refused
	 */
	record Bar(int x, int issuedY, int issuedHeight, int refusedY, int refusedHeight, String label, long issued,
			long refused) {

		public String summary() {
			return this.label + ": " + this.issued + " issued, " + this.refused + " refused";
		}

	}

}
