package io.keyward.challenge.intune;

import java.util.LinkedHashMap;
import java.util.Map;

import io.keyward.api.event.EnrollmentEvent;

/**
 * Intune's SCEP validation API ({@code ScepRequestValidationFEService}, api-version
 * {@code 2018-02-20}): {@code validateRequest} before issuing, then
 * {@code successNotification} or {@code failureNotification}. Each answers
 * {@code {"code":"Success","errorDescription":""}} or another code (Intune's
 * {@code ErrorCode}, e.g. {@code ChallengeExpired}, {@code SubjectNameMismatch}).
 */
class IntuneScepService {

	static final String API_VERSION = "2018-02-20";

	/** E_UNEXPECTED, the connector library's example hResult. */
	static final long E_UNEXPECTED = 0x8000FFFFL - 0x100000000L;

	private static final int DESCRIPTION_LIMIT = 255;

	private final IntuneApi api;

	private final String callerInfo;

	IntuneScepService(IntuneApi api, IntuneProperties properties) {
		this.api = api;
		this.callerInfo = properties.providerNameAndVersion();
	}

	/**
	 * @param transactionId the SCEP transactionID exactly as the device sent it
	 * @param csr standard base64 of the CSR's DER exactly as the device sent it
	 */
	Verdict validate(String transactionId, String csr) {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("transactionId", transactionId);
		request.put("certificateRequest", csr);
		request.put("callerInfo", this.callerInfo);
		return call("/ScepActions/validateRequest", Map.of("request", request));
	}

	/**
	 * @param issued the ISSUED event of the validated transaction; its issuer is both the
	 * issuing authority and the CA configuration (there is no {@code host\CA} name here)
	 */
	Verdict succeeded(String csr, EnrollmentEvent issued) {
		Map<String, Object> notification = new LinkedHashMap<>();
		notification.put("transactionId", issued.transactionId());
		notification.put("certificateRequest", csr);
		notification.put("certificateThumbprint", issued.thumbprintSha1());
		notification.put("certificateSerialNumber", issued.serialNumber());
		notification.put("certificateExpirationDateUtc", String.valueOf(issued.notAfter()));
		notification.put("issuingCertificateAuthority", issued.issuer());
		notification.put("callerInfo", this.callerInfo);
		notification.put("caConfiguration", issued.issuer());
		notification.put("certificateAuthority", issued.issuer());
		return call("/ScepActions/successNotification", Map.of("notification", notification));
	}

	/**
	 * @param description why, cut to Intune's 255 characters
	 */
	Verdict failed(String transactionId, String csr, String description) {
		Map<String, Object> notification = new LinkedHashMap<>();
		notification.put("transactionId", transactionId);
		notification.put("certificateRequest", csr);
		notification.put("hResult", E_UNEXPECTED);
		notification.put("errorDescription",
				(description.length() > DESCRIPTION_LIMIT) ? description.substring(0, DESCRIPTION_LIMIT) : description);
		notification.put("callerInfo", this.callerInfo);
		return call("/ScepActions/failureNotification", Map.of("notification", notification));
	}

	private Verdict call(String path, Map<String, Object> body) {
		Map<?, ?> answer = this.api.post(IntuneServiceLocator.VALIDATION_SERVICE, path, API_VERSION, body);
		Object code = answer.get("code");
		Object description = answer.get("errorDescription");
		return new Verdict((code != null) ? code.toString() : "Unknown",
				(description != null) ? description.toString() : "");
	}

	/**
	 * Intune's answer.
	 *
	 * @param code {@code Success} or Intune's error code
	 * @param description Intune's text
	 */
	record Verdict(String code, String description) {

		boolean success() {
			return "Success".equals(this.code);
		}

	}

}
