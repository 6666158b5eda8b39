package io.keyward.api.ca;

import java.util.List;

/**
 * One page of a certificate search, newest issued first (keyset paging).
 *
 * @param items the certificates on this page
 * @param nextCursor pass as {@code after} for the next page; null on the last page
 */
public record CertificateSearchPage(List<IssuedCertificate> items, String nextCursor) {
}
