package io.keyward.gateway;

import io.keyward.ca.CaInternals;

/**
 * Fixture for ServiceBoundariesTests: a gateway class that breaks the service boundary.
 */
public class GatewayLinkingToCa {

	final CaInternals ca = new CaInternals();

}
