package io.keyward.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.keyward.testsupport.MutableClock;
import org.openqa.selenium.WebDriver;

/**
 * The whole suite on free ports with its own data directory, and a real browser (Debian's
 * Chromium) to drive its dashboard, for a test class's lifetime.
 *
 * @param suite the running suite
 * @param client a client with the MDM API key
 * @param browser the browser
 */
record BrowserSuite(KeywardSuite suite, SuiteClient client, WebDriver browser) implements AutoCloseable {

	static final String ADMIN_PASSWORD = "browser-Admin-Password-42";

	/**
	 * @param apiKey the MDM API key the challenge-service creates on first start
	 * @param properties more settings
	 * @param clock the suite's clock
	 */
	static BrowserSuite start(String apiKey, Map<String, String> properties, MutableClock clock) throws IOException {
		Path dataDir = Files.createTempDirectory(Path.of("target"), "browser-data");
		Map<String, String> settings = new HashMap<>(properties);
		settings.put("keyward.challenge.bootstrap-api-key", apiKey);
		settings.put("keyward.admin.initial-password", ADMIN_PASSWORD);
		KeywardSuite suite = KeywardSuite.start(EnrollmentEndToEndTests.freePorts(dataDir), settings, clock);
		try {
			return new BrowserSuite(suite, new SuiteClient(suite, apiKey), Chromium.start());
		}
		catch (IOException | RuntimeException | Error ex) {
			suite.close();
			throw ex;
		}
	}

	@Override
	public void close() {
		try {
			this.browser.quit();
		}
		finally {
			this.suite.close();
		}
	}

}
