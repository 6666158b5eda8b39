package io.keyward.edge.log;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogTextTests {

	@Test
	void whenTextTriesToStartAnotherLogLineThenItStaysOnOne() {
		assertThat(LogText.printable("tx\r\nevent=certificate_issued serial=01\u2028\u0085"))
			.isEqualTo("tx__event=certificate_issued serial=01__");
	}

	@Test
	void whenTextTriesToCloseItsQuotesThenTheQuoteIsReplaced() {
		assertThat(LogText.printable("CN=a\" admin=\"yes\\")).isEqualTo("CN=a_ admin=_yes_");
	}

	@Test
	void whenABareValueHoldsBlanksThenTheyCannotAddAPair() {
		assertThat(LogText.token("T1 event=forged")).isEqualTo("T1_event=forged");
		assertThat(LogText.printable("CN=Keyward RA, O=Keyward")).isEqualTo("CN=Keyward RA, O=Keyward");
	}

	@Test
	void whenTextIsLongOrAbsentThenBoundedOrADash() {
		assertThat(LogText.printable("x".repeat(10_000))).hasSize(LogText.MAX_LENGTH + 3).endsWith("...");
		assertThat(LogText.printable(null)).isEqualTo("-");
		assertThat(LogText.token(null)).isEqualTo("-");
	}

}
