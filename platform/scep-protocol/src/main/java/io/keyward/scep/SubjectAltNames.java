package io.keyward.scep;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * The one rendering of subjectAltName entries as {@code type:value} strings, for a CSR's
 * requested names (policy checks) and an issued certificate's (the ca-adapter's REST
 * API): {@code dns:host.example}, {@code email:a@example.com},
 * {@code upn:user@corp.example}, {@code uri:https://example.com/x}, {@code ip:192.0.2.1}.
 * Nothing is dropped: unusual entries are rendered by type so a policy cannot overlook
 * them; an IP address of the wrong length shows its octets in hex.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5280#section-4.2.1.6">RFC 5280 section
 * 4.2.1.6</a>
 */
public final class SubjectAltNames {

	/** Microsoft User Principal Name otherName (szOID_NT_PRINCIPAL_NAME). */
	public static final ASN1ObjectIdentifier UPN = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3");

	private SubjectAltNames() {
	}

	/**
	 * @return the SANs of a certificate, in certificate order
	 */
	public static List<String> of(X509Certificate certificate) {
		byte[] extension = certificate.getExtensionValue(Extension.subjectAlternativeName.getId());
		if (extension == null) {
			return List.of();
		}
		return render(GeneralNames.getInstance(ASN1OctetString.getInstance(extension).getOctets()));
	}

	public static List<String> render(GeneralNames names) {
		List<String> rendered = new ArrayList<>();
		for (GeneralName name : names.getNames()) {
			rendered.add(render(name));
		}
		return rendered;
	}

	public static String render(GeneralName name) {
		ASN1Encodable value = name.getName();
		return switch (name.getTagNo()) {
			case GeneralName.dNSName -> "dns:" + text(value);
			case GeneralName.rfc822Name -> "email:" + text(value);
			case GeneralName.uniformResourceIdentifier -> "uri:" + text(value);
			case GeneralName.iPAddress -> "ip:" + ip(value);
			case GeneralName.directoryName -> "dirname:" + X500Name.getInstance(value);
			case GeneralName.registeredID -> "rid:" + ASN1ObjectIdentifier.getInstance(value).getId();
			case GeneralName.otherName -> otherName(ASN1Sequence.getInstance(value));
			default -> "tag" + name.getTagNo() + ":" + value;
		};
	}

	private static String otherName(ASN1Sequence sequence) {
		ASN1ObjectIdentifier type = ASN1ObjectIdentifier.getInstance(sequence.getObjectAt(0));
		ASN1Encodable value = ASN1TaggedObject.getInstance(sequence.getObjectAt(1)).getExplicitBaseObject();
		if (UPN.equals(type) && value instanceof ASN1String text) {
			return "upn:" + text.getString();
		}
		return "othername:" + type.getId();
	}

	private static String text(ASN1Encodable value) {
		return (value instanceof ASN1String text) ? text.getString() : value.toString();
	}

	private static String ip(ASN1Encodable value) {
		byte[] address = ASN1OctetString.getInstance(value).getOctets();
		try {
			return InetAddress.getByAddress(address).getHostAddress();
		}
		catch (UnknownHostException ex) {
			// not 4 or 16 octets: show what is there rather than fail
			return HexFormat.of().formatHex(address);
		}
	}

}
