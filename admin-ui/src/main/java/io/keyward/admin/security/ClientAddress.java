package io.keyward.admin.security;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * The client address a sign-in is throttled by. An IPv6 client usually holds a whole /64
 * (RFC 4291 section 2.5.4, RFC 7421), so its failures are counted per /64, not per
 * address it can pick at will.
 */
final class ClientAddress {

	/** Only literal addresses: nothing here may cause a DNS look-up. */
	private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.%]{2,64}");

	private ClientAddress() {
	}

	static String throttleKey(String remoteAddress) {
		if (remoteAddress == null || !LITERAL.matcher(remoteAddress).matches()) {
			return "unknown";
		}
		try {
			InetAddress address = InetAddress.getByName(remoteAddress);
			if (address instanceof Inet6Address) {
				byte[] prefix = Arrays.copyOf(address.getAddress(), 16);
				Arrays.fill(prefix, 8, 16, (byte) 0);
				return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
			}
			return address.getHostAddress();
		}
		catch (UnknownHostException ex) {
			return "unknown";
		}
	}

}
