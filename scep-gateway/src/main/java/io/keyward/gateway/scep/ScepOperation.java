package io.keyward.gateway.scep;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The {@code operation} values the gateway serves (RFC 8894 section 4).
 */
enum ScepOperation {

	GET_CA_CAPS("GetCACaps"), GET_CA_CERT("GetCACert"), GET_NEXT_CA_CERT("GetNextCACert"),
	PKI_OPERATION("PKIOperation");

	private final String keyword;

	ScepOperation(String keyword) {
		this.keyword = keyword;
	}

	String keyword() {
		return this.keyword;
	}

	/**
	 * Read {@code operation=} from the raw query string. It is taken from the query
	 * string and never from a form body, and matched ignoring case (some clients send
	 * {@code pkioperation}).
	 * @param rawQuery {@code request.getQueryString()}, may be null
	 */
	static Optional<ScepOperation> fromQuery(String rawQuery) {
		if (rawQuery == null) {
			return Optional.empty();
		}
		for (String pair : rawQuery.split("&")) {
			int equals = pair.indexOf('=');
			String name = (equals < 0) ? pair : pair.substring(0, equals);
			if (name.equalsIgnoreCase("operation") && equals >= 0) {
				String value = decode(pair.substring(equals + 1));
				for (ScepOperation operation : values()) {
					if (operation.keyword.equalsIgnoreCase(value.strip())) {
						return Optional.of(operation);
					}
				}
				return Optional.empty();
			}
		}
		return Optional.empty();
	}

	private static String decode(String value) {
		try {
			return URLDecoder.decode(value, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return value;
		}
	}

}
