package io.keyward.challenge.intune;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code keyward.challenge.intune.*}: the Entra app registration Keyward acts as (the
 * Intune Certificate Connector's {@code com.microsoft.intune.props}), used by profiles in
 * {@code intune} mode. Exactly one credential: a client secret, or a certificate and its
 * private key (a signed client assertion, RFC 7523 section 2.2), which Microsoft
 * recommends.
 *
 * @param tenant the Entra tenant id or domain ({@code TENANT})
 * @param clientId the app registration's application id ({@code AAD_APP_ID})
 * @param clientSecret the app's client secret ({@code AAD_APP_KEY}), or blank
 * @param certificateFile PEM certificate registered with the app, or null
 * @param privateKeyFile PEM PKCS#8 private key of that certificate, or null
 * @param authority the Entra login endpoint ({@code AUTH_AUTHORITY})
 * @param graphUrl Microsoft Graph, for service discovery ({@code MS_GRAPH_RESOURCE_URL})
 * @param intuneAppId Intune's own application id ({@code INTUNE_APP_ID})
 * @param intuneResourceUrl the resource Intune tokens are for
 * ({@code INTUNE_RESOURCE_URL})
 * @param providerNameAndVersion sent as the {@code UserAgent} header and as
 * {@code callerInfo} ({@code PROVIDER_NAME_AND_VERSION})
 * @param timeout per remote call, kept below a device's HTTP timeout
 * @param notificationAttempts how often a success or failure notification is tried
 * @param notificationBackoff the wait before the second attempt, doubled after each
 * @param validatedRetention how long a validated request's CSR is kept (in the database)
 * for its notification
 * @param revocationInterval how often Intune's revocation requests are fetched; 0 turns
 * the poll off
 * @param revocationBatch how many revocation requests one poll fetches (1 to 500)
 */
@Validated
@ConfigurationProperties("keyward.challenge.intune")
public record IntuneProperties(@Nullable String tenant, @Nullable String clientId, @Nullable String clientSecret,
		@Nullable Path certificateFile, @Nullable Path privateKeyFile,
		@DefaultValue("https://login.microsoftonline.com/") @NotNull URI authority,
		@DefaultValue("https://graph.microsoft.com/") @NotNull URI graphUrl,
		@DefaultValue("0000000a-0000-0000-c000-000000000000") @NotBlank String intuneAppId,
		@DefaultValue("https://api.manage.microsoft.com/") @NotNull URI intuneResourceUrl,
		@DefaultValue("Keyward SCEP 1.0") @NotBlank String providerNameAndVersion,
		@DefaultValue("30s") @NotNull Duration timeout, @DefaultValue("3") @Min(1) @Max(10) int notificationAttempts,
		@DefaultValue("2s") @NotNull Duration notificationBackoff,
		@DefaultValue("2h") @NotNull Duration validatedRetention,
		@DefaultValue("15m") @NotNull Duration revocationInterval,
		@DefaultValue("100") @Min(1) @Max(500) int revocationBatch) {

	/**
	 * @return whether the app is configured at all
	 */
	boolean configured() {
		return present(this.tenant) && present(this.clientId);
	}

	boolean usesCertificate() {
		return this.certificateFile != null || this.privateKeyFile != null;
	}

	/**
	 * @throws IllegalStateException when an intune profile cannot work with these
	 * settings
	 */
	void requireUsable() {
		if (!configured()) {
			throw new IllegalStateException(
					"a challenge profile in intune mode needs keyward.challenge.intune.tenant and client-id");
		}
		boolean secret = present(this.clientSecret);
		boolean certificate = this.certificateFile != null && this.privateKeyFile != null;
		if (secret == certificate || (!certificate && usesCertificate())) {
			throw new IllegalStateException("keyward.challenge.intune needs exactly one credential: client-secret, "
					+ "or certificate-file with private-key-file");
		}
	}

	private static boolean present(@Nullable String value) {
		return value != null && !value.isBlank();
	}

	@Override
	public String toString() {
		return "IntuneProperties[tenant=" + this.tenant + ", clientId=" + this.clientId + ", credential="
				+ (usesCertificate() ? this.certificateFile : "(secret)") + "]";
	}

}
