package io.keyward.ca.authority;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where relying parties check revocation and how often it is published
 * ({@code keyward.ca.public-base-url}, {@code keyward.ca.crl.*},
 * {@code keyward.ca.ocsp.*}).
 *
 * @param publicBaseUrl the address devices and relying parties reach: the gateway's port.
 * Every issued certificate names {@code <base>/crl/<ca name>.crl} in its CRL Distribution
 * Points and {@code <base>/ocsp} in its Authority Information Access extension (RFC 5280
 * sections 4.2.1.13 and 4.2.2.1)
 * @param crl CRL schedule
 * @param ocsp delegated OCSP signer
 */
@Validated
@ConfigurationProperties("keyward.ca")
public record RevocationProperties(@DefaultValue("http://localhost:8080") @NotNull URI publicBaseUrl,
		@DefaultValue @Valid Crl crl, @DefaultValue @Valid Ocsp ocsp) {

	/**
	 * @return {@code <base>/crl/<caName>.crl}
	 */
	public String crlUrl(String caName) {
		return base() + "/crl/" + caName + ".crl";
	}

	/**
	 * @return {@code <base>/ocsp}
	 */
	public String ocspUrl() {
		return base() + "/ocsp";
	}

	private String base() {
		String base = this.publicBaseUrl.toString();
		return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
	}

	/**
	 * @param validity how long a CRL is valid: nextUpdate = thisUpdate + validity (RFC
	 * 5280 section 5.1.2.5)
	 * @param reissueInterval a new CRL is issued when the newest is this old, revocation
	 * or not; shorter than {@code validity} so relying parties never hold a stale one
	 */
	public record Crl(@DefaultValue("7d") @NotNull @DurationMin(minutes = 1) Duration validity,
			@DefaultValue("1d") @NotNull @DurationMin(seconds = 1) Duration reissueInterval) {
	}

	/**
	 * @param signerValidity validity of a new delegated OCSP signing certificate
	 * @param renewBefore a new signer is issued when the current one expires within this
	 * (shorter than {@code signerValidity})
	 * @param responseValidity nextUpdate of a response = thisUpdate + this (RFC 6960
	 * section 4.2.2.1)
	 */
	public record Ocsp(@DefaultValue("30d") @NotNull @DurationMin(hours = 1) Duration signerValidity,
			@DefaultValue("7d") @NotNull @DurationMin(minutes = 1) Duration renewBefore,
			@DefaultValue("1h") @NotNull @DurationMin(seconds = 1) Duration responseValidity) {
	}

}
