package io.keyward.admin.token;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import io.keyward.admin.AdminProperties;
import io.keyward.sealing.SecretFiles;
import io.keyward.edge.caller.SecretTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * On first start (no admin API token exists yet) creates the token {@code bootstrap} with
 * every scope, so that automation can use the admin API straight away: from
 * {@code keyward.admin.bootstrap-token} ({@code KEYWARD_BOOTSTRAP_ADMIN_TOKEN}) or
 * generated, printed once and appended to {@code <data-dir>/initial-credentials} (mode
 * 0600). Later starts create nothing; revoke it once you have tokens of your own.
 */
@Component
class BootstrapAdminToken implements ApplicationRunner {

	static final String NAME = "bootstrap";

	private static final Logger log = LoggerFactory.getLogger(BootstrapAdminToken.class);

	private final AdminTokens tokens;

	private final AdminProperties properties;

	private final Path dataDir;

	BootstrapAdminToken(AdminTokens tokens, AdminProperties properties,
			@Value("${keyward.data-dir:./data}") Path dataDir) {
		this.tokens = tokens;
		this.properties = properties;
		this.dataDir = dataDir;
	}

	@Override
	public void run(ApplicationArguments args) {
		String configured = this.properties.bootstrapToken();
		boolean generated = configured == null || configured.isBlank();
		String secret = generated ? SecretTokens.generate(AdminTokens.PREFIX) : configured.strip();
		if (!this.tokens.createFirst(NAME, secret, List.of(AdminScope.values()))) {
			return;
		}
		log.info("event=admin_token_bootstrapped name={} source={}", NAME,
				generated ? "generated" : "keyward.admin.bootstrap-token");
		if (generated) {
			try {
				SecretFiles.appendInitialCredential(this.dataDir, "admin-api-token=" + secret);
			}
			catch (IOException ex) {
				log.warn("event=initial_credentials_not_written cause={}", ex.toString());
			}
		}
	}

}
