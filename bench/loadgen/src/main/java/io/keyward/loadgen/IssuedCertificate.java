package io.keyward.loadgen;

/**
 * A certificate the server issued during the run.
 *
 * @param operation PKIOperation (PKCSReq) or RenewalReq
 * @param transactionId the request's transactionID
 * @param serial the serial number, upper-case hex without leading zeros
 * @param challenge the challengePassword the request carried, or null
 */
public record IssuedCertificate(Operation operation, String transactionId, String serial, String challenge) {

}
