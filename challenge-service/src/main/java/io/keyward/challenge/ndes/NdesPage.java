package io.keyward.challenge.ndes;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The pages of NDES's {@code mscep_admin} application, byte for byte what MDMs scrape
 * (protocol brief section 5.2): the markup NDES sends, encoded as UTF-16LE after a
 * byte-order mark (although its {@code Meta} names UTF-8: MDMs decode the bytes as UTF-16
 * and look for the password, the thumbprint and the two error texts with regular
 * expressions and substring checks). No text in a page comes from the caller.
 */
final class NdesPage {

	private static final String HEAD = "<HTML><Head><Meta HTTP-Equiv=\"Content-Type\" Content=\"text/html; charset=UTF-8\">"
			+ "<Title>Network Device Enrollment Service</Title></Head>\r\n"
			+ "<Body BgColor=#FFFFFF><Font ID=locPageFont Face=\"Arial\"><Table Border=0 CellSpacing=0 CellPadding=4"
			+ " Width=100% BgColor=#008080><TR><TD>\r\n"
			+ "<Font ID=locPageTitleFont Face=\"Arial\" Size=-1 Color=#FFFFFF><LocID ID=locMSCertSrv>"
			+ "Network Device Enrollment Service</LocID></Font></TD></TR></Table>\r\n"
			+ "<P ID=locPageTitle> Network Device Enrollment Service allows you to obtain certificates for routers or"
			+ " other network devices using the Simple Certificate Enrollment Protocol (SCEP). </P>\r\n";

	private static final String FOOT = "<P ID=locPageDesc> For more information see  "
			+ "<A HREF=http://go.microsoft.com/fwlink/?LinkId=67852>Using Network Device Enrollment Service </A>. </P>"
			+ "</Font></Body></HTML>";

	private NdesPage() {
	}

	/**
	 * @param thumbprint the CA certificate's MD5, 4 groups of 8 hex digits
	 * @param password the one-time challenge, upper-case hex
	 * @param validityMinutes how long it is accepted
	 */
	static byte[] password(String thumbprint, String password, long validityMinutes) {
		return page("<P> To complete certificate enrollment for your network device you will need the following"
				+ " information: \r\n" + "<P> The thumbprint (hash value) for the CA certificate is: <B> " + thumbprint
				+ " </B> \r\n" + "<P> The enrollment challenge password is: <B> " + password + " </B> \r\n"
				+ "<P> This password can be used only once and will expire within " + validityMinutes + " minutes. \r\n"
				+ "<P> Each enrollment requires a new challenge password. You can refresh this web page to obtain a new"
				+ " challenge password. </P> \r\n");
	}

	/**
	 * NDES's answer when {@code PasswordMax} passwords are outstanding.
	 * @param validityMinutes how long a password lives
	 * @param maxOutstanding the cap
	 */
	static byte[] cacheFull(long validityMinutes, int maxOutstanding) {
		return page("<P> The password cache is full. <P> Network Device Enrollment Service stores unused password for"
				+ " later use. By default, passwords are stored for " + validityMinutes + " minutes.<P>Use one of the"
				+ " existing passwords. If you cannot use an existing password: <UL> <LI> Wait until one or more"
				+ " existing passwords expire (by default passwords expire " + validityMinutes + " minutes after they"
				+ " are created). </LI> <LI> Restart Internet Information Services (IIS). </LI> <LI> Configure the"
				+ " service to cache more than " + maxOutstanding + " passwords. </LI> </UL> </P>\r\n");
	}

	/** NDES's answer to an account without enroll permission (two spaces, as NDES). */
	static byte[] noPermission() {
		return page("<P> You do not have sufficient permission to enroll with SCEP.  Please contact your system"
				+ " administrator. </P>\r\n");
	}

	/**
	 * A short page for the answers NDES leaves to IIS (401, 429, 503).
	 * @param text fixed text, never the caller's
	 */
	static byte[] status(String text) {
		return page("<P> " + text + " </P>\r\n");
	}

	private static byte[] page(String body) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		// the byte-order mark FF FE, by which Fleet's decodeHTMLResponse recognises
		// UTF-16LE
		bytes.write(0xFF);
		bytes.write(0xFE);
		bytes.writeBytes((HEAD + body + FOOT).getBytes(StandardCharsets.UTF_16LE));
		return bytes.toByteArray();
	}

}
