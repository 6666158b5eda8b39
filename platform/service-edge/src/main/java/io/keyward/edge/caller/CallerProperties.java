package io.keyward.edge.caller;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The internal callers a service accepts ({@code keyward.edge.callers.<name>.*}): each
 * one its own bearer tokens and its own scopes. A caller with no token configured is not
 * accepted at all, so an unset variable closes that caller's door instead of opening it.
 *
 * @param callers settings by caller name (for example {@code gateway}, {@code admin-ui});
 * the name is what the service records as the caller
 */
@ConfigurationProperties("keyward.edge")
public record CallerProperties(@DefaultValue Map<String, Caller> callers) {

	/**
	 * @param tokens bearer tokens this caller may present, comma list; several at once
	 * for rotation; each 16 characters or more
	 * @param scopes what this caller may do, for example {@code certificates:issue}
	 */
	public record Caller(@DefaultValue List<String> tokens, @DefaultValue List<String> scopes) {
	}

}
