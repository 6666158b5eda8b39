package io.keyward.api.ca;

import java.util.List;

/**
 * One page of issued certificates, newest first.
 */
public record CertificatePage(List<IssuedCertificate> items, int page, int size, long total) {
}
