package io.keyward.loadgen;

import java.util.Locale;

/**
 * What each iteration of the load does.
 */
public enum Mix {

	/** PKCSReq enrollment (RFC 8894 section 3.3.1). */
	ENROLL,

	/** GetCACaps and GetCACert, uncached (RFC 8894 sections 3.5.1 and 4.2). */
	CAPS,

	/**
	 * PKCSReq, then a RenewalReq signed by the certificate just issued (section 3.3.1.2).
	 */
	RENEWAL;

	static Mix parse(String text) {
		try {
			return valueOf(text.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("--mix must be enroll, caps or renewal, not " + text);
		}
	}

	String label() {
		return name().toLowerCase(Locale.ROOT);
	}

}
