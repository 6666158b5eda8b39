package io.keyward.challenge.intune;

import java.util.Base64;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.keyward.api.challenge.RedemptionRequest;
import io.keyward.api.challenge.RedemptionResult;
import io.keyward.challenge.profile.ChallengeMode;
import io.keyward.challenge.profile.ChallengeProfiles;
import io.keyward.challenge.validator.ChallengeValidator;
import io.keyward.edge.log.LogText;
import io.keyward.edge.problem.InvalidRequest;

/**
 * The {@code intune} mode: the challengePassword is Intune's signed and encrypted blob,
 * opaque here, and Intune judges it with the CSR ({@code validateRequest}). Only
 * {@code Success} issues; any other code is refused with that code as the reason, and
 * when Intune cannot be reached the request is refused as well ("If an exception is
 * thrown the SCEP server should not issue a certificate", the connector library), never
 * left PENDING. The preview judges nothing, so Intune is asked once per request, by the
 * redemption.
 */
class IntuneValidator implements ChallengeValidator {

	private static final Logger log = LoggerFactory.getLogger(IntuneValidator.class);

	static final String UNAVAILABLE = "Intune validation unavailable";

	private final IntuneScepService intune;

	private final ValidatedRequests validated;

	private final ChallengeProfiles profiles;

	private final MeterRegistry meters;

	IntuneValidator(IntuneScepService intune, ValidatedRequests validated, ChallengeProfiles profiles,
			MeterRegistry meters) {
		this.intune = intune;
		this.validated = validated;
		this.profiles = profiles;
		this.meters = meters;
	}

	@Override
	public ChallengeMode mode() {
		return ChallengeMode.INTUNE;
	}

	@Override
	public RedemptionResult preview(RedemptionRequest request) {
		csrOf(request);
		return RedemptionResult.accepted(this.profiles.require(request.profile()).template()).withNeverPending();
	}

	@Override
	public RedemptionResult redeem(RedemptionRequest request) {
		String csr = csrOf(request);
		String template = this.profiles.require(request.profile()).template();
		Optional<ValidatedRequests.Validated> earlier = this.validated.find(request.transactionId());
		if (earlier.isPresent() && earlier.get().csr().equals(csr)) {
			// the gateway repeats a redemption it won: Intune judged this request already
			return RedemptionResult.accepted(template).withNeverPending();
		}
		IntuneScepService.Verdict verdict;
		try {
			verdict = this.intune.validate(request.transactionId(), csr);
		}
		catch (IntuneUnavailableException ex) {
			log.warn("event=intune_validation_unavailable profile={} transactionId={} cause={}",
					LogText.token(request.profile()), LogText.token(request.transactionId()),
					LogText.token(ex.getMessage()));
			count("unavailable");
			return RedemptionResult.rejected(UNAVAILABLE);
		}
		if (!verdict.success()) {
			log.info("event=intune_validation_refused profile={} transactionId={} code={} description=\"{}\"",
					LogText.token(request.profile()), LogText.token(request.transactionId()),
					LogText.token(verdict.code()), LogText.printable(verdict.description()));
			count("refused");
			return RedemptionResult.rejected("Intune refused the request: " + verdict.code());
		}
		this.validated.remember(request.profile(), request.transactionId(), csr);
		log.info("event=intune_validation_accepted profile={} transactionId={}", LogText.token(request.profile()),
				LogText.token(request.transactionId()));
		count("accepted");
		return RedemptionResult.accepted(template).withNeverPending();
	}

	private void count(String outcome) {
		this.meters.counter("keyward.challenge.intune.validations", "outcome", outcome).increment();
	}

	private static String csrOf(RedemptionRequest request) {
		if (request.transactionId() == null || request.transactionId().isBlank()) {
			throw new InvalidRequest("'transactionId' is required.");
		}
		if (request.csr() == null || request.csr().isBlank()) {
			throw new InvalidRequest("'csr' is required for an Intune profile.");
		}
		try {
			Base64.getDecoder().decode(request.csr());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequest("'csr' must be standard base64.");
		}
		return request.csr();
	}

}
