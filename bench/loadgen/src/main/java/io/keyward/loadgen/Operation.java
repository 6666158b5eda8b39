package io.keyward.loadgen;

/**
 * The SCEP operations whose latency is measured, named as on the wire.
 */
public enum Operation {

	GET_CA_CAPS("GetCACaps"), GET_CA_CERT("GetCACert"), PKI_OPERATION("PKIOperation"), RENEWAL_REQ("RenewalReq");

	private final String wireName;

	Operation(String wireName) {
		this.wireName = wireName;
	}

	public String wireName() {
		return this.wireName;
	}

}
