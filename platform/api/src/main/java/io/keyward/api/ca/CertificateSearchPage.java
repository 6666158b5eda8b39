package io.keyward.api.ca;

import java.util.List;

/**
 * One page of a certificate search, newest issued first.
 *
 * @param items the certificates of this page
 * @param nextCursor pass as {@code after} to get the next page; null on the last page
 */
public record CertificateSearchPage(List<IssuedCertificate> items, String nextCursor) {
}
