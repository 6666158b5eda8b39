package io.keyward.gateway.limit;

import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The address a limit is counted against: the peer of the TCP connection, unless that
 * peer is a configured reverse proxy; then the right-most {@code X-Forwarded-For} entry
 * that is not a trusted proxy itself (entries further left were written by the client and
 * prove nothing).
 */
final class ClientAddress {

	private final Set<String> trustedProxies;

	ClientAddress(List<String> trustedProxies) {
		this.trustedProxies = Set.copyOf(trustedProxies);
	}

	String of(HttpServletRequest request) {
		String peer = request.getRemoteAddr();
		if (!this.trustedProxies.contains(peer)) {
			return peer;
		}
		String forwarded = request.getHeader("X-Forwarded-For");
		if (forwarded == null) {
			return peer;
		}
		String[] hops = forwarded.split(",");
		for (int i = hops.length - 1; i >= 0; i--) {
			String hop = hops[i].strip();
			if (!hop.isEmpty() && !this.trustedProxies.contains(hop)) {
				// bounded: the header is the client's text, and becomes a map key
				return (hop.length() <= 64) ? hop : hop.substring(0, 64);
			}
		}
		return peer;
	}

}
