package io.keyward.scep;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CaCapabilityTests {

	@Test
	void whenRecommendedCapabilitiesAreRenderedThenBytesAreExact() {
		String body = CaCapability
			.render(List.of(CaCapability.POST_PKI_OPERATION, CaCapability.RENEWAL, CaCapability.SHA_256,
					CaCapability.SHA_1, CaCapability.AES, CaCapability.DES3, CaCapability.SCEP_STANDARD));
		assertThat(body.getBytes(StandardCharsets.US_ASCII))
			.isEqualTo("POSTPKIOperation\nRenewal\nSHA-256\nSHA-1\nAES\nDES3\nSCEPStandard\n"
				.getBytes(StandardCharsets.US_ASCII));
	}

	@Test
	void whenEveryCapabilityIsRenderedThenKeywordsAreTheRfcSpelling() {
		assertThat(CaCapability.render(EnumSet.allOf(CaCapability.class)))
			.isEqualTo("AES\nDES3\nGetNextCACert\nPOSTPKIOperation\nRenewal\nSHA-1\nSHA-256\nSHA-512\nSCEPStandard\n");
	}

	@Test
	void whenNothingIsRenderedThenBodyIsEmpty() {
		assertThat(CaCapability.render(List.of())).isEmpty();
	}

	@Test
	void whenBodyIsParsedThenCaseLineEndingsAndUnknownKeywordsAreTolerated() {
		assertThat(CaCapability.parse("postpkioperation\r\nSHA-256 \r\nUpdate\r\nExample.com-Foo\naes\n\n"))
			.containsExactlyInAnyOrder(CaCapability.POST_PKI_OPERATION, CaCapability.SHA_256, CaCapability.AES);
	}

	@Test
	void whenRenderedBodyIsParsedThenCapabilitiesRoundTrip() {
		EnumSet<CaCapability> all = EnumSet.allOf(CaCapability.class);
		assertThat(CaCapability.parse(CaCapability.render(all))).isEqualTo(all);
	}

}
