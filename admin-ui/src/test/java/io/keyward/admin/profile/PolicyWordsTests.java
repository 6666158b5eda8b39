package io.keyward.admin.profile;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16: the Profiles page words a template's or profile's machine values as an admin
 * reads them; what is not a known form stays as it is.
 */
class PolicyWordsTests {

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			PT720H      | 30 days
			P365D       | 1 year
			PT8760H     | 1 year
			P730D       | 2 years
			PT12H       | 12 hours
			PT1H        | 1 hour
			PT168H      | 7 days
			P1D         | 1 day
			PT36H       | 36 hours
			PT10M       | 10 minutes
			PT1M        | 1 minute
			PT90S       | 90 seconds
			P1Y         | 1 year
			P2M         | 2 months
			P0D         | 0 seconds
			50% of the lifetime left | 50% of the lifetime left
			''          | ''
			""")
	void whenADurationIsWordedThenItReadsInItsLargestWholeUnit(String iso, String words) {
		assertThat(PolicyWords.duration(iso)).isEqualTo(words);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			DIGITAL_SIGNATURE | digital signature
			KEY_ENCIPHERMENT  | key encipherment
			NON_REPUDIATION   | non repudiation
			CLIENT_AUTH       | client authentication
			SERVER_AUTH       | server authentication
			OCSP_SIGNING      | OCSP signing
			IPSEC_IKE         | IPsec IKE
			SMARTCARD_LOGON   | smart card logon
			CA_AND_RA         | CA and RA
			CA_ONLY           | CA only
			FULL_CHAIN        | full chain
			ONE_TIME          | one-time
			INTUNE            | Intune
			REQUIRED          | required
			DNS               | DNS
			EMAIL             | email
			""")
	void whenAnEnumNameIsWordedThenItReadsAsWords(String name, String words) {
		assertThat(PolicyWords.name(name)).isEqualTo(words);
	}

	@org.junit.jupiter.api.Test
	void whenAListIsWordedThenEachNameIsWordedAndJoined() {
		assertThat(PolicyWords.names(java.util.List.of("DIGITAL_SIGNATURE", "KEY_ENCIPHERMENT")))
			.isEqualTo("digital signature, key encipherment");
		assertThat(PolicyWords.names(java.util.List.of())).isEqualTo("none");
		assertThat(PolicyWords.names(null)).isEqualTo("none");
	}

}
