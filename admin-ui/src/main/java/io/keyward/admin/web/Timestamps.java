package io.keyward.admin.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Every time on the dashboard is UTC, written the same way.
 */
public final class Timestamps {

	private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneOffset.UTC);

	private Timestamps() {
	}

	public static String utc(Instant instant) {
		return (instant != null) ? UTC.format(instant) : "";
	}

}
