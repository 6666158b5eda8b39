package io.keyward.api.ca;

import java.time.Instant;
import java.util.List;

/**
 * The CA certificates the ca-adapter publishes, as PEM. Outside a rollover only
 * {@code chainPem} is filled; the other lists are empty (never null once built by
 * {@link #CaCertificates(List, List, Instant, List, List)}).
 *
 * @param chainPem the issuing CA's chain, issuing CA first
 * @param nextCaPem the next CA certificate(s) prepared for a rollover (RFC 8894 section
 * 4.7, GetNextCACert), empty when none is prepared
 * @param switchAt when the next CA becomes the issuing CA, null when none is prepared
 * @param previousCaPem earlier CA certificates of this CA that are still valid: their
 * certificates are still renewed and their CRL and OCSP still served
 * @param linkPem link certificates between the previous or next CA and the issuing one
 * (RFC 4210 section 4.4: NewWithOld and OldWithNew), so relying parties that trust only
 * one of them can build a path to the other
 */
public record CaCertificates(List<String> chainPem, List<String> nextCaPem, Instant switchAt,
		List<String> previousCaPem, List<String> linkPem) {

	public CaCertificates {
		chainPem = (chainPem != null) ? List.copyOf(chainPem) : List.of();
		nextCaPem = (nextCaPem != null) ? List.copyOf(nextCaPem) : List.of();
		previousCaPem = (previousCaPem != null) ? List.copyOf(previousCaPem) : List.of();
		linkPem = (linkPem != null) ? List.copyOf(linkPem) : List.of();
	}

	/**
	 * Outside a rollover: the chain alone.
	 * @param chainPem the issuing CA's chain, issuing CA first
	 */
	public CaCertificates(List<String> chainPem) {
		this(chainPem, List.of(), null, List.of(), List.of());
	}

}
