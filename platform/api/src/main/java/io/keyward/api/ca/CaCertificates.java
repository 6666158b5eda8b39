package io.keyward.api.ca;

import java.util.List;

/**
 * The issuing CA's certificate chain, issuing CA first, as PEM.
 */
public record CaCertificates(List<String> chainPem) {
}
