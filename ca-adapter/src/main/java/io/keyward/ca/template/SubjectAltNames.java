package io.keyward.ca.template;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;

/**
 * SANs as the REST API shows them: {@code type:value}, for example
 * {@code dns:host.example}, {@code email:a@example.com}, {@code upn:user@corp.example},
 * {@code uri:https://example.com/x}, {@code ip:192.0.2.1}.
 */
public final class SubjectAltNames {

	private SubjectAltNames() {
	}

	/**
	 * @return the SANs of an issued certificate, in certificate order
	 */
	public static List<String> of(X509Certificate certificate) {
		byte[] extension = certificate.getExtensionValue(Extension.subjectAlternativeName.getId());
		if (extension == null) {
			return List.of();
		}
		GeneralNames names = GeneralNames.getInstance(ASN1OctetString.getInstance(extension).getOctets());
		return List.of(names.getNames()).stream().map(SubjectAltNames::describe).toList();
	}

	static String describe(GeneralName name) {
		return switch (name.getTagNo()) {
			case GeneralName.dNSName -> "dns:" + text(name);
			case GeneralName.rfc822Name -> "email:" + text(name);
			case GeneralName.uniformResourceIdentifier -> "uri:" + text(name);
			case GeneralName.iPAddress -> "ip:" + ip(ASN1OctetString.getInstance(name.getName()).getOctets());
			case GeneralName.otherName -> otherName(OtherName.getInstance(name.getName()));
			case GeneralName.directoryName -> "dirname:" + name.getName();
			case GeneralName.registeredID -> "rid:" + name.getName();
			default -> "tag" + name.getTagNo() + ":" + name.getName();
		};
	}

	private static String text(GeneralName name) {
		return ((ASN1String) name.getName()).getString();
	}

	private static String otherName(OtherName name) {
		if (SanType.UPN_OID.equals(name.getTypeID()) && name.getValue() instanceof ASN1String upn) {
			return "upn:" + upn.getString();
		}
		return "othername:" + name.getTypeID().getId();
	}

	private static String ip(byte[] octets) {
		try {
			return InetAddress.getByAddress(octets).getHostAddress();
		}
		catch (UnknownHostException ex) {
			// not 4 or 16 octets: show what is there rather than fail
			return HexFormat.of().formatHex(octets);
		}
	}

}
