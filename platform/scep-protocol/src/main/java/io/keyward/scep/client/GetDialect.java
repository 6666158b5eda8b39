package io.keyward.scep.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * How clients put a pkiMessage into the query of a GET PKIOperation (RFC 8894 section
 * 4.1), as the server must read them all. Used by tests and the load generator to speak
 * like a given client.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8894#section-4.1">RFC 8894 section
 * 4.1</a>
 */
public enum GetDialect {

	/** Base64 escaped per RFC 3986 ({@code +} as {@code %2B}), as certmonger sends it. */
	RFC {
		@Override
		String encode(byte[] message) {
			return URLEncoder.encode(Base64.getEncoder().encodeToString(message), StandardCharsets.US_ASCII);
		}
	},

	/** iOS and macOS: the base64 unescaped, {@code +} and {@code /} raw. */
	APPLE {
		@Override
		String encode(byte[] message) {
			return Base64.getEncoder().encodeToString(message);
		}
	},

	/**
	 * Cisco IOS: MIME base64 with a line break every 64 characters, the breaks escaped as
	 * {@code %0A}, the rest raw.
	 */
	CISCO {
		@Override
		String encode(byte[] message) {
			return Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(message).replace("\n", "%0A");
		}
	},

	/** micromdm's old client: base64url. */
	BASE64URL {
		@Override
		String encode(byte[] message) {
			return Base64.getUrlEncoder().encodeToString(message).replace("=", "%3D");
		}
	};

	/**
	 * @param message the DER pkiMessage
	 * @return the query string {@code operation=PKIOperation&message=...}
	 */
	public String query(byte[] message) {
		return "operation=PKIOperation&message=" + encode(message);
	}

	abstract String encode(byte[] message);

}
