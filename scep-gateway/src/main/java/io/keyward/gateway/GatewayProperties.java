package io.keyward.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.keyward.gateway.profile.Approval;
import io.keyward.gateway.profile.CaCertificateSet;
import io.keyward.gateway.profile.WhenUnavailable;
import io.keyward.scep.CertRepEncoder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the scep-gateway ({@code keyward.gateway.*}).
 *
 * @param challengeUrl base URL of the challenge-service
 * @param caUrl base URL of the ca-adapter
 * @param serviceToken the bearer token this gateway presents to both
 * @param timeout connect and read timeout for those calls (positive, as are the other
 * durations: a zero retry interval would make the finisher spin)
 * @param ndesProfile the profile served at the NDES path {@code /certsrv/mscep/mscep.dll}
 * @param maxMessageSize largest PKIOperation body accepted by POST
 * @param caCertificatesCache how long the CA chain fetched from the ca-adapter is reused
 * for GetCACert
 * @param retryInterval how often the finisher completes transactions an upstream outage
 * left open, and the first step of their backoff
 * @param pendingMaxAge how long an open transaction is retried before it is closed FAILED
 * @param profiles enrollment profiles by name ({@code /scep/<name>})
 * @param ra RA certificate rollover
 */
@Validated
@ConfigurationProperties("keyward.gateway")
public record GatewayProperties(@NotNull URI challengeUrl, @NotNull URI caUrl, String serviceToken,
		@DefaultValue("10s") @NotNull @DurationMin(millis = 1) Duration timeout,
		@DefaultValue("default") @NotBlank String ndesProfile, @DefaultValue("2MB") @NotNull DataSize maxMessageSize,
		@DefaultValue("10m") @NotNull Duration caCertificatesCache,
		@DefaultValue("10s") @NotNull @DurationMin(millis = 1) Duration retryInterval,
		@DefaultValue("24h") @NotNull @DurationMin(millis = 1) Duration pendingMaxAge,
		@NotEmpty Map<String, @Valid Profile> profiles, @DefaultValue @NotNull @Valid Ra ra) {

	/**
	 * RA certificate rollover (RFC 8894 section 2.1.2: the RA certificates devices
	 * envelope to and verify with).
	 *
	 * @param renewBefore how long before an RA certificate expires it is renewed; the old
	 * encryption key keeps decrypting until the old certificate expires, so this is also
	 * the overlap window
	 * @param checkInterval how often each gateway looks whether a renewal is due (and
	 * reloads what another gateway renewed), and logs the certificates about to expire
	 * @param warnBefore from how long before a CA or RA certificate expires each check
	 * logs {@code event=certificate_expiring}
	 */
	public record Ra(@DefaultValue("30d") @NotNull @DurationMin(minutes = 1) Duration renewBefore,
			@DefaultValue("1h") @NotNull @DurationMin(seconds = 1) Duration checkInterval,
			@DefaultValue("14d") @NotNull Duration warnBefore) {
	}

	/**
	 * One enrollment profile.
	 *
	 * @param template the certificate template asked of the ca-adapter when the
	 * challenge-service does not name one
	 * @param legacySingleDes accept requests enveloped with single DES (RFC 8894 section
	 * 2.9 forbids it, but micromdm's scepclient 2.1.0 sends nothing else); replies are
	 * never single DES
	 * @param omittedEnvelope how FAILURE and PENDING CertReps leave out the
	 * pkcsPKIEnvelope: {@code EMPTY_OCTET_STRING} (what NDES, micromdm and step-ca send;
	 * certmonger 0.79 reads only this form) or {@code ABSENT} (RFC 8894 section 3.3.2.2
	 * literally)
	 * @param whenUnavailable what a device is answered while the challenge-service or the
	 * ca-adapter is unavailable: {@code PENDING} (RFC 8894 section 3.3.2.3, the device
	 * polls) or {@code FAILURE} (badRequest "service unavailable, retry", for clients
	 * that must not see PENDING, such as Intune's)
	 * @param approval {@code REQUIRED}: a request whose challenge was accepted waits
	 * (PENDING, RFC 8894 section 3.3.2.3) until an admin approves or rejects it;
	 * {@code NONE}: issued at once
	 * @param approvalMaxAge how long a request may wait for approval before it is closed
	 * FAILED (badRequest)
	 * @param renewalEnabled serve renewal (RFC 8894 section 2.5: a RenewalReq, or a
	 * PKCSReq signed with a certificate of this CA, authorised by that certificate
	 * without a challenge) and advertise {@code Renewal} in GetCACaps
	 * @param renewalWindow how long before its expiry a certificate may be renewed; when
	 * unset, {@code renewalWindowPercent} decides
	 * @param renewalWindowPercent the last share of a certificate's lifetime in which it
	 * may be renewed, when {@code renewalWindow} is unset
	 * @param revokeOnRenewal revoke the renewed certificate (RFC 5280 reason superseded)
	 * once its replacement is issued
	 * @param certRepIncludesCa whether a SUCCESS CertRep carries the CA chain after the
	 * issued certificate (Cisco IOS expects it; some Juniper releases refuse a CertRep
	 * with more than one certificate)
	 * @param caCertificates what GetCACert answers: {@code CA_AND_RA} (RA certificates
	 * and the issuing CA, as NDES) or {@code FULL_CHAIN} (and every CA certificate up to
	 * the root, with link certificates during a CA rollover) or {@code CA_ONLY} (the
	 * issuing CA alone; the ca-adapter opens the requests and signs the CertReps, see
	 * {@link CaCertificateSet})
	 * @param enforcePassword NDES {@code EnforcePassword}: {@code true} (the default)
	 * every enrollment needs a challenge the challenge-service accepts; {@code false} no
	 * challenge is needed nor looked at, and any device that reaches the profile gets a
	 * certificate within its template's policy (pair it with {@code approval: REQUIRED}
	 * or a network that only trusted devices reach; a warning is logged at start)
	 */
	public record Profile(@DefaultValue("default") @NotBlank String template,
			@DefaultValue("true") boolean legacySingleDes,
			@DefaultValue("EMPTY_OCTET_STRING") @NotNull CertRepEncoder.OmittedEnvelope omittedEnvelope,
			@DefaultValue("PENDING") @NotNull WhenUnavailable whenUnavailable,
			@DefaultValue("NONE") @NotNull Approval approval,
			@DefaultValue("7d") @NotNull @DurationMin(millis = 1) Duration approvalMaxAge,
			@DefaultValue("true") boolean renewalEnabled, @DurationMin(millis = 1) Duration renewalWindow,
			@DefaultValue("50") @Min(1) @Max(100) int renewalWindowPercent,
			@DefaultValue("false") boolean revokeOnRenewal, @DefaultValue("false") boolean certRepIncludesCa,
			@DefaultValue("CA_AND_RA") @NotNull CaCertificateSet caCertificates,
			@DefaultValue("true") boolean enforcePassword) {
	}

}
