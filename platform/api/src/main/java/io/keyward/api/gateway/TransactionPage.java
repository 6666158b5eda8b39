package io.keyward.api.gateway;

import java.util.List;

/**
 * One page of SCEP transactions, newest first unless a search asked for another order.
 *
 * @param items the transactions of this page
 * @param page the page number of an offset page; 0 in a search
 * @param size rows per page
 * @param total how many transactions match; -1 in a search, which does not count them
 * (ten million rows: the keyset cursor pages without a count)
 * @param nextCursor in a search ({@code q}, {@code sort} or {@code after} given): pass as
 * {@code after} for the next page, null on the last page; always null on an offset page
 */
public record TransactionPage(List<EnrollmentTransaction> items, int page, int size, long total, String nextCursor) {

	/** {@link #total} of a search, which does not count. */
	public static final long NOT_COUNTED = -1;

	/**
	 * @return an offset page, without cursor
	 */
	public static TransactionPage offset(List<EnrollmentTransaction> items, int page, int size, long total) {
		return new TransactionPage(items, page, size, total, null);
	}

}
