package io.keyward.standalone;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.keyward.scep.PkiStatus;
import io.keyward.scep.client.CertRepResponse;
import io.keyward.scep.client.NextCaCertificatesReader;
import io.keyward.testsupport.MutableClock;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.bouncycastle.asn1.x500.X500Name;
import io.keyward.scep.MessageType;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CA rollover through the whole suite (RFC 8894 section 4.7): an admin schedules the
 * next CA on the dashboard in a real browser, devices see {@code GetNextCACert} in
 * GetCACaps and get the next CA signed by the RA, and once the clock passes the
 * switch-over new certificates chain to the next CA while a certificate of the previous
 * CA still renews.
 */
class CaRolloverEndToEndTests {

	static final String API_KEY = "kw_rollover-test-api-key-0123456789abcdefghijk";

	static final MutableClock CLOCK = new MutableClock();

	static BrowserSuite running;

	static SuiteClient client;

	static WebDriver browser;

	@BeforeAll
	static void start() throws IOException {
		// renewable at any time while valid, so one moved week suffices
		running = BrowserSuite.start(API_KEY, Map.of("keyward.gateway.profiles.default.renewal-window-percent", "100"),
				CLOCK);
		client = running.client();
		browser = running.browser();
	}

	@AfterAll
	static void stop() {
		if (running != null) {
			running.close();
		}
	}

	@Test
	void whenAnAdminSchedulesTheNextCaThenDevicesGetItAndAfterTheSwitchNewCertificatesChainToIt() throws Exception {
		X509Certificate previousCa = client.caCertificate();
		ScepDevice earlyDevice = new ScepDevice(client, "/scep/default", "CN=before-rollover,O=Rollover Test");
		CertRepResponse early = earlyDevice.pkcsReq(client.mintChallenge());
		assertThat(early.status()).isEqualTo(PkiStatus.SUCCESS);
		X509Certificate earlyCertificate = early.certificates().get(0);
		assertThat(capabilities()).doesNotContain("GetNextCACert");
		assertThat(get("/scep/default?operation=GetNextCACert").statusCode()).isEqualTo(404);

		LocalDateTime switchAt = LocalDateTime.now(ZoneOffset.UTC).plusDays(7).truncatedTo(ChronoUnit.MINUTES);
		AdminDashboardBrowserTests.signIn(browser, client);
		browser.get(client.adminUrl("/authorities"));
		assertThat(browser.findElement(By.id("next-ca")).getText()).contains("No next CA is prepared");
		WebElement date = browser.findElement(By.name("switchAt"));
		// the value a datetime-local input submits, whatever the browser's locale shows
		((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", date,
				switchAt.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16));
		browser.findElement(By.id("prepare-next-ca")).click();
		assertThat(AdminDashboardBrowserTests.text(browser, ".notice", "Next CA prepared"))
			.contains("Next CA prepared");
		assertThat(browser.findElement(By.id("next-ca-switch")).getText())
			.isEqualTo(switchAt.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")));
		AdminDashboardBrowserTests.screenshot(browser, "ca-rollover-scheduled");
		// gateways see it once their cached CA certificates expire
		// (keyward.gateway.ca-certificates-cache, 10 minutes)
		CLOCK.advance(Duration.ofMinutes(11));

		assertThat(capabilities()).contains("GetNextCACert");
		HttpResponse<byte[]> nextAnswer = get("/scep/default?operation=GetNextCACert&message=default");
		assertThat(nextAnswer.statusCode()).isEqualTo(200);
		assertThat(nextAnswer.headers().firstValue("Content-Type")).contains("application/x-x509-next-ca-cert");
		List<X509Certificate> next = NextCaCertificatesReader.read(nextAnswer.body(), earlyDevice.raCertificate(0));
		assertThat(next).hasSize(1);
		X509Certificate nextCa = next.get(0);
		nextCa.verify(nextCa.getPublicKey());
		assertThat(nextCa.getPublicKey()).isNotEqualTo(previousCa.getPublicKey());

		CLOCK.advance(Duration.ofDays(8));

		assertThat(capabilities()).doesNotContain("GetNextCACert");
		assertThat(client.caCertificate()).isEqualTo(nextCa);
		CertRepResponse fresh = new ScepDevice(client, "/scep/default", "CN=after-rollover,O=Rollover Test")
			.pkcsReq(client.mintChallenge());
		assertThat(fresh.status()).isEqualTo(PkiStatus.SUCCESS);
		fresh.certificates().get(0).verify(nextCa.getPublicKey());
		CertRepResponse renewed = earlyDevice.renewalReq(earlyCertificate);
		assertThat(renewed.status()).as("%s", renewed.failInfoText()).isEqualTo(PkiStatus.SUCCESS);
		renewed.certificates().get(0).verify(nextCa.getPublicKey());
		// each generation is its own CRL issuer (RFC 5280 section 5) and OCSP answers for
		// both
		X509Certificate freshCertificate = fresh.certificates().get(0);
		assertThat(new String(freshCertificate.getExtensionValue(Extension.cRLDistributionPoints.getId()),
				StandardCharsets.ISO_8859_1))
			.contains(client.gatewayUrl("/crl/root-g2.crl"));
		crl("/crl/root-g2.crl").verify(nextCa.getPublicKey());
		crl("/crl/root.crl").verify(previousCa.getPublicKey());
		// SCEP GetCRL (RFC 8894 section 3.3.4) answers the CRL of the generation that
		// issued the certificate, although both generations carry the same issuer name
		X500Name issuer = X500Name.getInstance(freshCertificate.getIssuerX500Principal().getEncoded());
		CertRepResponse freshCrl = RevocationEndToEndTests.lookup(client, MessageType.GET_CRL, issuer,
				freshCertificate.getSerialNumber());
		assertThat(freshCrl.status()).isEqualTo(PkiStatus.SUCCESS);
		freshCrl.crls().get(0).verify(nextCa.getPublicKey());
		CertRepResponse earlyCrl = RevocationEndToEndTests.lookup(client, MessageType.GET_CRL, issuer,
				earlyCertificate.getSerialNumber());
		earlyCrl.crls().get(0).verify(previousCa.getPublicKey());
		assertThat(ocsp(nextCa, freshCertificate).getCertStatus()).isSameAs(CertificateStatus.GOOD);
		assertThat(ocsp(previousCa, earlyCertificate).getCertStatus()).isSameAs(CertificateStatus.GOOD);
	}

	private static X509CRL crl(String path) throws Exception {
		HttpResponse<byte[]> response = get(path);
		assertThat(response.statusCode()).isEqualTo(200);
		return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(response.body()));
	}

	/**
	 * OCSP over the gateway; the answer is signed by a signer {@code issuer} certified.
	 */
	private static SingleResp ocsp(X509Certificate issuer, X509Certificate certificate) throws Exception {
		CertificateID id = new CertificateID(
				new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
				new JcaX509CertificateHolder(issuer), certificate.getSerialNumber());
		HttpResponse<byte[]> response = client
			.sendForBytes(HttpRequest.newBuilder(URI.create(client.gatewayUrl("/ocsp")))
				.header("Content-Type", "application/ocsp-request")
				.POST(HttpRequest.BodyPublishers.ofByteArray(new OCSPReqBuilder().addRequest(id).build().getEncoded()))
				.build());
		OCSPResp answer = new OCSPResp(response.body());
		assertThat(answer.getStatus()).isEqualTo(OCSPRespBuilder.SUCCESSFUL);
		BasicOCSPResp basic = (BasicOCSPResp) answer.getResponseObject();
		X509CertificateHolder signer = basic.getCerts()[0];
		assertThat(signer.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuer))).isTrue();
		assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(signer))).isTrue();
		return basic.getResponses()[0];
	}

	private static String capabilities() throws Exception {
		return new String(get("/scep/default?operation=GetCACaps").body(), StandardCharsets.US_ASCII);
	}

	private static HttpResponse<byte[]> get(String path) throws Exception {
		return client.sendForBytes(HttpRequest.newBuilder(URI.create(client.gatewayUrl(path))).build());
	}

}
