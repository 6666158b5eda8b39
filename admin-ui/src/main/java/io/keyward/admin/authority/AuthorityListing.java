package io.keyward.admin.authority;

import java.util.List;

import io.keyward.api.ca.AuthorityCertificate;
import io.keyward.api.gateway.RaCertificate;

/**
 * The certificates Keyward depends on, as the admin API answers them.
 *
 * @param ca CA and OCSP signer certificates
 * @param ra RA certificates
 */
public record AuthorityListing(List<AuthorityCertificate> ca, List<RaCertificate> ra) {
}
