package io.keyward.api.gateway;

import java.time.Instant;
import java.util.List;

/**
 * The gateway's enrollments in numbers, for the dashboard's overview: issued and refused
 * transactions per hour (the last 24) and per day (the last 30), UTC, oldest first, the
 * refusals of the last 30 days by reason, and how many wait for an admin's approval.
 *
 * @param at when this was counted
 * @param hourly 24 buckets of an hour each, the last one the current hour
 * @param daily 30 buckets of a day each, the last one today
 * @param refusalsByReason the most frequent refusal reasons of the last 30 days, most
 * frequent first
 * @param waitingApproval transactions waiting for an admin's decision now
 */
public record EnrollmentStatistics(Instant at, List<Bucket> hourly, List<Bucket> daily,
		List<ReasonCount> refusalsByReason, long waitingApproval) {

	/**
	 * @param start the bucket's first instant
	 * @param issued transactions created in it that ended with a certificate
	 * @param refused transactions created in it that ended in a FAILURE
	 */
	public record Bucket(Instant start, long issued, long refused) {
	}

	/**
	 * @param reason the refusal's reason as the log shows it
	 * @param count how often
	 */
	public record ReasonCount(String reason, long count) {
	}

}
