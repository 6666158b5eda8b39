package io.keyward.api.gateway;

import java.util.List;

import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/**
 * The gateway's enrollment profiles, for the admin-ui (caller scope
 * {@code profiles:read}).
 */
@HttpExchange("/api/v1/profiles")
public interface ScepProfileClient {

	/**
	 * @return every profile the gateway serves, by name
	 */
	@GetExchange
	List<ScepProfile> profiles();

}
