package io.keyward.api.gateway;

import java.util.List;

/**
 * One page of SCEP transactions, newest first.
 */
public record TransactionPage(List<EnrollmentTransaction> items, int page, int size, long total) {
}
