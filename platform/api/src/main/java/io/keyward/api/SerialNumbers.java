package io.keyward.api;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Certificate serial numbers (RFC 5280 section 4.1.2.2) as people see them: upper-case
 * hex, two digits for every byte of the magnitude, as {@code openssl x509 -noout -serial}
 * prints them ({@code 0FCB04A6…}, never {@code FCB04A6…}). Every page, API answer, log
 * line and audit text shows a serial through {@link #hex(BigInteger)}; lookups accept any
 * spelling ({@link #parse(String)}).
 */
public final class SerialNumbers {

	private static final HexFormat HEX = HexFormat.of().withUpperCase();

	/**
	 * Up to 20 octets (RFC 5280 section 4.1.2.2), with room for clients that send more.
	 */
	private static final Pattern TYPED = Pattern.compile("[0-9A-Fa-f]{1,64}");

	private SerialNumbers() {
	}

	/**
	 * @param serial a certificate's serial number
	 * @return upper-case hex, two digits per byte, without the sign byte DER adds when
	 * the top bit is set ({@code 80}, not {@code 0080}), as OpenSSL prints it
	 */
	public static String hex(BigInteger serial) {
		if (serial.signum() < 0) {
			// RFC 5280 forbids them, but some CAs issued negative serials: OpenSSL prints
			// the magnitude after a minus sign
			return "-" + hex(serial.negate());
		}
		byte[] bytes = serial.toByteArray();
		int start = (bytes.length > 1 && bytes[0] == 0) ? 1 : 0;
		return HEX.formatHex(bytes, start, bytes.length);
	}

	/**
	 * Show a serial that arrived as text (from a service's answer or a database row) the
	 * one way: any hex spelling becomes {@link #hex(BigInteger)}; what is not hex is
	 * returned unchanged, null stays null.
	 * @param serial a hex serial in any spelling, or null
	 * @return the serial as shown
	 */
	public static String hex(String serial) {
		if (serial == null) {
			return null;
		}
		return parse(serial).map(SerialNumbers::hex).orElse(serial);
	}

	/**
	 * The form the services store and index a serial by (its database key, not for
	 * people): upper-case hex without leading zeros. Existing rows use it, so it stays;
	 * every lookup turns what it is given into it with {@link #parse(String)}.
	 * @param serial a certificate's serial number
	 * @return the key
	 */
	public static String key(BigInteger serial) {
		return serial.toString(16).toUpperCase(Locale.ROOT);
	}

	/**
	 * Read a serial typed or copied by a person: upper or lower case, with or without
	 * leading zeros, with the colons OpenSSL puts between bytes in {@code -text} output.
	 * @param serial the text
	 * @return the serial, empty when the text is not a hex number
	 */
	public static Optional<BigInteger> parse(String serial) {
		String hex = serial.strip().replace(":", "");
		if (!TYPED.matcher(hex).matches()) {
			return Optional.empty();
		}
		return Optional.of(new BigInteger(hex, 16));
	}

	/**
	 * The stored spellings ({@link #key(BigInteger)}) a serial typed into a search box
	 * may mean: as hex (any case, leading zeros, OpenSSL's colons, {@code 0x}) and, when
	 * it is all digits, also as decimal.
	 * @param typed the text, or null
	 * @return the keys, none when the text is no number
	 */
	public static List<String> keys(String typed) {
		if (typed == null) {
			return List.of();
		}
		Set<String> spellings = new LinkedHashSet<>();
		String hex = typed.strip();
		hex = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
		parse(hex).ifPresent((serial) -> spellings.add(key(serial)));
		if (typed.strip().matches("[0-9]{1,78}")) {
			spellings.add(key(new BigInteger(typed.strip())));
		}
		return List.copyOf(spellings);
	}

}
