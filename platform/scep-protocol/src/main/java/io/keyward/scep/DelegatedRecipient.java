package io.keyward.scep;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Certificates a pkcsPKIEnvelope may be addressed to whose private keys this process does
 * not hold: the CA certificates, whose key stays in the CA (RFC 8894 section 2.2: a
 * client given the CA certificate alone, or told to pick it, encrypts to the CA). An
 * envelope addressed to none of the local {@link RecipientKey}s but to one of these is
 * handed over whole to be opened where the key is.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8894#section-2.2">RFC 8894 section
 * 2.2</a>
 */
public interface DelegatedRecipient {

	/**
	 * @return the certificates clients may address, asked for each message (they change
	 * with a CA rollover)
	 */
	List<X509Certificate> certificates();

	/**
	 * Open an envelope where the key is held.
	 * @param envelope the DER pkcsPKIEnvelope (CMS EnvelopedData, RFC 5652 section 6)
	 * @param recipient the certificate it is addressed to
	 * @return the content
	 * @throws PkcsPkiEnvelope.EnvelopeException badMessageCheck for every decryption
	 * failure alike
	 * @throws RecipientUnavailableException when the key holder cannot be reached
	 */
	PkcsPkiEnvelope.Opened open(byte[] envelope, X509Certificate recipient) throws PkcsPkiEnvelope.EnvelopeException;

}
