package io.keyward.admin.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTests {

	@Test
	void whenACellStartsAsAFormulaThenItIsPrefixedSoSpreadsheetsShowItAsText() {
		assertThat(Csv.line("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "a=b"))
			.isEqualTo("\"'=1+1\",\"'+1\",\"'-1\",\"'@SUM(A1)\",\"'\tx\",\"a=b\"\r\n");
	}

	@Test
	void whenACellHoldsQuotesCommasOrLineBreaksThenItIsQuotedPerRfc4180() {
		assertThat(Csv.line("CN=a, O=\"b\"", "line1\r\nline2", null, ""))
			.isEqualTo("\"CN=a, O=\"\"b\"\"\",\"line1\r\nline2\",,\"\"\r\n");
	}

}
