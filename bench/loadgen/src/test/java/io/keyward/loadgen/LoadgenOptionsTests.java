package io.keyward.loadgen;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.bouncycastle.cms.CMSAlgorithm;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LoadgenOptionsTests {

	@Test
	void whenOnlyTheUrlIsGivenThenDefaults() {
		LoadgenOptions options = LoadgenOptions.parse("--url", "http://127.0.0.1:8080/scep/default");
		assertThat(options.devices()).isEqualTo(100);
		assertThat(options.concurrency()).isEqualTo(8);
		assertThat(options.challenge()).isEqualTo("none");
		assertThat(options.keySize()).isEqualTo(2048);
		assertThat(options.cipher()).isEqualTo(CMSAlgorithm.AES128_CBC);
		assertThat(options.digest()).isEqualTo("SHA-256");
		assertThat(options.mix()).isEqualTo(Mix.ENROLL);
		assertThat(options.warmup()).isZero();
		assertThat(options.json()).isNull();
		assertThat(options.pids()).isEmpty();
		assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(options.profile()).isEqualTo("default");
	}

	@Test
	void whenEveryOptionIsGivenThenEachIsParsed() {
		LoadgenOptions options = LoadgenOptions.parse("--url=http://h:1/scep", "--devices", "500", "--concurrency=16",
				"--challenge", "api:http://127.0.0.1:8081", "--api-key", "kw_k", "--profile", "wifi", "--key-size",
				"4096", "--key-pool", "32", "--cipher", "des3", "--digest", "SHA-512", "--mix", "renewal", "--warmup",
				"20", "--json", "out.json", "--pids", "12, 34", "--timeout", "5", "--ca-ident", "ca1");
		assertThat(options.url()).hasToString("http://h:1/scep");
		assertThat(options.devices()).isEqualTo(500);
		assertThat(options.concurrency()).isEqualTo(16);
		assertThat(options.challenge()).isEqualTo("api:http://127.0.0.1:8081");
		assertThat(options.apiKey()).isEqualTo("kw_k");
		assertThat(options.profile()).isEqualTo("wifi");
		assertThat(options.keySize()).isEqualTo(4096);
		assertThat(options.keyPool()).isEqualTo(32);
		assertThat(options.cipher()).isEqualTo(CMSAlgorithm.DES_EDE3_CBC);
		assertThat(options.digest()).isEqualTo("SHA-512");
		assertThat(options.mix()).isEqualTo(Mix.RENEWAL);
		assertThat(options.warmup()).isEqualTo(20);
		assertThat(options.totalDevices()).isEqualTo(520);
		assertThat(options.json()).isEqualTo(Path.of("out.json"));
		assertThat(options.pids()).isEqualTo(List.of(12L, 34L));
		assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(options.caIdent()).isEqualTo("ca1");
	}

	@Test
	void whenPrintedThenSecretsAreLeftOut() {
		assertThat(LoadgenOptions.parse("--url", "http://x/scep", "--challenge", "static:hunter2", "--api-key",
				"kw_secret"))
			.asString()
			.contains("challenge=static")
			.doesNotContain("hunter2")
			.doesNotContain("kw_secret");
	}

	@Test
	void whenARateIsGivenThenTheRunIsAnOpenLoop() {
		LoadgenOptions options = LoadgenOptions.parse("--url", "http://x/scep", "--rate", "187.5");
		assertThat(options.openLoop()).isTrue();
		assertThat(options.rate()).isEqualTo(187.5);
		assertThat(LoadgenOptions.parse("--url", "http://x/scep").openLoop()).isFalse();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LoadgenOptions.parse("--url", "http://x/scep", "--rate", "0"))
			.withMessageContaining("--rate");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LoadgenOptions.parse("--url", "http://x/scep", "--rate", "fast"))
			.withMessageContaining("--rate");
	}

	@Test
	void whenHelpIsAskedThenNoUrlIsNeeded() {
		assertThat(LoadgenOptions.parse("--help").help()).isTrue();
	}

	@Test
	void whenOptionsAreWrongThenTheMessageNamesTheOption() {
		assertThatIllegalArgumentException().isThrownBy(() -> LoadgenOptions.parse("--devices", "5"))
			.withMessageContaining("--url");
		assertThatIllegalArgumentException().isThrownBy(() -> LoadgenOptions.parse("--url", "ftp://x/scep"))
			.withMessageContaining("--url");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LoadgenOptions.parse("--url", "http://x/scep", "--devices", "0"))
			.withMessageContaining("--devices");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LoadgenOptions.parse("--url", "http://x/scep", "--concurrency", "many"))
			.withMessageContaining("--concurrency");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LoadgenOptions.parse("--url", "http://x/scep", "--mix", "chaos"))
			.withMessageContaining("--mix");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LoadgenOptions.parse("--url", "http://x/scep", "--cipher", "des"))
			.withMessageContaining("--cipher");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LoadgenOptions.parse("--url", "http://x/scep", "--challenge", "static:"))
			.withMessageContaining("--challenge");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LoadgenOptions.parse("--url", "http://x/scep", "--pids", "12,abc"))
			.withMessageContaining("--pids");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LoadgenOptions.parse("--url", "http://x/scep", "--bogus", "1"))
			.withMessageContaining("--bogus");
		assertThatIllegalArgumentException().isThrownBy(() -> LoadgenOptions.parse("--url"))
			.withMessageContaining("needs a value");
	}

	@Test
	void whenApiChallengesLackAKeyThenRefused() {
		if (System.getenv("KEYWARD_LOADGEN_API_KEY") == null) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> LoadgenOptions.parse("--url", "http://x/scep", "--challenge", "api:http://x:8081"))
				.withMessageContaining("--api-key");
		}
	}

}
