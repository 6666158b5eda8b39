package io.keyward.api.ca;

/**
 * The content of a pkcsPKIEnvelope the ca-adapter opened with a CA key.
 *
 * @param messageData base64 of the decrypted messageData (a PKCS#10 request,
 * IssuerAndSubject or IssuerAndSerialNumber)
 * @param contentEncryptionAlgorithm the content cipher the client chose (dotted OID)
 * @param keyTransportAlgorithm the key transport the client chose (dotted OID)
 */
public record OpenedScepEnvelope(String messageData, String contentEncryptionAlgorithm, String keyTransportAlgorithm) {
}
