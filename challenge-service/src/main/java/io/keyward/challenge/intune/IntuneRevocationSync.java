package io.keyward.challenge.intune;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.keyward.api.ca.CertificateAuthorityClient;
import io.keyward.api.ca.RevokeRequest;
import io.keyward.edge.log.LogText;

import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.RestClientException;

/**
 * Intune's revocation feed, as the Intune Certificate Connector runs it: Intune does not
 * revoke a certificate it removes from a device (profile unassigned, device retired or
 * wiped), it queues a revocation request for the CA. Each poll downloads up to a batch of
 * them ({@code PkiConnectorFEService}, {@code downloadRevocationRequests}), revokes each
 * serial at the ca-adapter ({@code cessationOfOperation}, RFC 5280 section 5.3.1) and
 * uploads one result per request ({@code uploadRevocationResults}).
 * <p>
 * Result codes are the connector's {@code CARequestErrorCodes} sent as numeric strings,
 * as the Java library sends them: 0 done (also for a certificate revoked already), 4004
 * not found (not ours), 4101 the ca-adapter unavailable (Intune asks again later), 4000
 * any other refusal.
 */
class IntuneRevocationSync {

	private static final Logger log = LoggerFactory.getLogger(IntuneRevocationSync.class);

	static final String API_VERSION = "5019-05-05";

	static final String REASON = "cessationOfOperation";

	private final IntuneApi api;

	private final CertificateAuthorityClient certificateAuthority;

	private final int batch;

	private final MeterRegistry meters;

	IntuneRevocationSync(IntuneApi api, CertificateAuthorityClient certificateAuthority, int batch,
			MeterRegistry meters) {
		this.api = api;
		this.certificateAuthority = certificateAuthority;
		this.batch = batch;
		this.meters = meters;
	}

	/**
	 * One poll; a failure to reach Intune is logged and left to the next poll.
	 * @return how many revocation requests were handled
	 */
	int poll() {
		try {
			return sync();
		}
		catch (IntuneUnavailableException ex) {
			log.warn("event=intune_revocation_poll_failed cause={}", LogText.token(ex.getMessage()));
			this.meters.counter("keyward.challenge.intune.revocations", "outcome", "poll_failed").increment();
			return 0;
		}
	}

	private int sync() {
		Map<String, Object> parameters = new HashMap<>();
		parameters.put("maxRequests", this.batch);
		parameters.put("issuerName", null);
		Map<?, ?> answer = this.api.post(IntuneServiceLocator.CONNECTOR_SERVICE,
				"/CertificateAuthorityRequests/downloadRevocationRequests", API_VERSION,
				Map.of("downloadParameters", parameters));
		if (!(answer.get("value") instanceof List<?> requests) || requests.isEmpty()) {
			return 0;
		}
		List<Map<String, Object>> results = new ArrayList<>();
		for (Object request : requests) {
			if (request instanceof Map<?, ?> entry && entry.get("requestContext") instanceof String context) {
				results.add(result(context, revoke(String.valueOf(entry.get("serialNumber")))));
			}
		}
		Map<?, ?> uploaded = this.api.post(IntuneServiceLocator.CONNECTOR_SERVICE,
				"/CertificateAuthorityRequests/uploadRevocationResults", API_VERSION, Map.of("results", results));
		if (!Boolean.TRUE.equals(uploaded.get("value"))) {
			log.warn("event=intune_revocation_upload_refused count={}", results.size());
		}
		return results.size();
	}

	/**
	 * @return the CARequestErrorCodes value
	 */
	private int revoke(String serial) {
		int code;
		try {
			this.certificateAuthority.revoke(serial, new RevokeRequest(REASON, "revoked by Intune", "intune"));
			code = 0;
		}
		catch (HttpStatusCodeException ex) {
			code = switch (ex.getStatusCode().value()) {
				case 409 -> 0;
				case 404 -> 4004;
				default -> (ex.getStatusCode().is5xxServerError()) ? 4101 : 4000;
			};
		}
		catch (RestClientException ex) {
			code = 4101;
		}
		log.info("event=intune_revocation serial={} code={}", LogText.token(serial), code);
		this.meters.counter("keyward.challenge.intune.revocations", "outcome", (code == 0) ? "revoked" : "failed")
			.increment();
		return code;
	}

	private static Map<String, Object> result(String context, int code) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("requestContext", context);
		result.put("succeeded", code == 0);
		result.put("errorCode", Integer.toString(code));
		result.put("errorMessage", switch (code) {
			case 0 -> "";
			case 4004 -> "certificate not issued by this CA";
			case 4101 -> "CA unavailable, try again";
			default -> "CA refused the revocation";
		});
		return result;
	}

}
