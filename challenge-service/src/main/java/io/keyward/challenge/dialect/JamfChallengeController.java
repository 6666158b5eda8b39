package io.keyward.challenge.dialect;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import io.keyward.api.challenge.MintedChallenge;
import io.keyward.challenge.apiclient.ApiClientPrincipal;
import io.keyward.challenge.apiclient.BasicApiClientAuthentication;
import io.keyward.challenge.onetime.ChallengeMinting;
import io.keyward.challenge.profile.ChallengeProfiles;
import io.keyward.edge.log.LogText;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/jamf/scep-challenge}: the URL for Jamf Pro's
 * {@code SCEPChallenge} webhook (a configuration profile's "Webhook" challenge type).
 * Jamf Pro posts a JSON body ({@code webhook.webhookEvent}, and under {@code event} the
 * device's {@code udid}, {@code deviceName}, {@code serialNumber}, {@code targetType},
 * {@code username}) with HTTP Basic (an MDM API client's name and key) and puts the plain
 * text it gets back into the profile as the challenge. The body is read tolerantly: any
 * field may be missing, and what it names is only logged (sanitised), never trusted.
 */
@RestController
class JamfChallengeController {

	private static final Logger log = LoggerFactory.getLogger(JamfChallengeController.class);

	private static final int MAX_BODY = 64 * 1024;

	private final BasicApiClientAuthentication basic;

	private final DialectAuthentication authentication;

	private final ChallengeMinting minting;

	private final DialectProperties properties;

	private final ObjectMapper json;

	JamfChallengeController(BasicApiClientAuthentication basic, DialectAuthentication authentication,
			ChallengeMinting minting, ChallengeProfiles profiles, DialectProperties properties, ObjectMapper json) {
		this.basic = basic;
		this.authentication = authentication;
		this.minting = minting;
		this.properties = properties;
		// refuse to start rather than fail every call on a profile nobody configured
		profiles.require(properties.jamfProfile());
		this.json = json;
	}

	@PostMapping("/webhooks/jamf/scep-challenge")
	ResponseEntity<String> challenge(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			@RequestBody(required = false) @Nullable String body) {
		ApiClientPrincipal client = this.authentication.requireMinter(this.basic.authenticateByName(authorization),
				this.properties.jamfProfile());
		JsonNode event = read(body);
		MintedChallenge minted = this.minting.mint(this.properties.jamfProfile(), client,
				ChallengeMinting.API_PASSWORD_BYTES);
		log.info(
				"event=jamf_challenge_minted client={} profile={} webhookEvent={} targetType={} udid={} deviceName={}"
						+ " serialNumber={} username={}",
				client.name(), minted.profile(), text(event, "webhook", "webhookEvent"),
				text(event, "event", "targetType"), text(event, "event", "udid"), text(event, "event", "deviceName"),
				text(event, "event", "serialNumber"), text(event, "event", "username"));
		return ResponseEntity.ok()
			.contentType(MediaType.TEXT_PLAIN)
			.cacheControl(CacheControl.noStore())
			.body(minted.challenge());
	}

	@ExceptionHandler(DialectAuthentication.Refused.class)
	ResponseEntity<Void> refused(DialectAuthentication.Refused refused) {
		return refused.answer();
	}

	private @Nullable JsonNode read(@Nullable String body) {
		if (body == null || body.isBlank() || body.length() > MAX_BODY) {
			return null;
		}
		try {
			return this.json.readTree(body);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static String text(@Nullable JsonNode root, String object, String field) {
		if (root == null) {
			return "-";
		}
		JsonNode value = root.path(object).path(field);
		if (!value.isValueNode() || value.isNull()) {
			return "-";
		}
		return LogText.token(value.asString());
	}

}
