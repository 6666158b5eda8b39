package io.keyward.admin.web;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ListViewTests {

	record Row(String name, String kind) {
	}

	private static final ListView<Row> VIEW = ListView.<Row>at("/things")
		.column("name", Comparator.comparing(Row::name))
		.column("kind", Comparator.comparing(Row::kind).thenComparing(Row::name))
		.select("kind", (row) -> List.of(row.kind()))
		.text(Row::name);

	private static final List<Row> ROWS = List.of(new Row("beta", "x"), new Row("alpha", "y"), new Row("gamma", "x"));

	@Test
	void whenNoSortThenTheFirstColumnAscending() {
		ListPage<Row> page = VIEW.page(ROWS, Map.of());

		assertThat(page.rows()).extracting(Row::name).containsExactly("alpha", "beta", "gamma");
		assertThat(page.state().ariaSort("name")).isEqualTo("ascending");
		assertThat(page.state().ariaSort("kind")).isEqualTo("none");
		assertThat(page.shown()).isEqualTo("3 of 3 shown");
	}

	@Test
	void whenSortedBothWaysThenTheOrderReversesAndTheHeaderLinksToTheOtherWay() {
		ListPage<Row> up = VIEW.page(ROWS, Map.of("sort", "kind", "dir", "asc"));
		ListPage<Row> down = VIEW.page(ROWS, Map.of("sort", "kind", "dir", "desc"));

		assertThat(up.rows()).extracting(Row::name).containsExactly("beta", "gamma", "alpha");
		assertThat(down.rows()).extracting(Row::name).containsExactly("alpha", "gamma", "beta");
		assertThat(up.state().sortHref("kind")).isEqualTo("/things?sort=kind&dir=desc");
		assertThat(down.state().sortHref("kind")).isEqualTo("/things?sort=kind&dir=asc");
		assertThat(down.state().ariaSort("kind")).isEqualTo("descending");
	}

	@Test
	void whenSortNamesAnUnknownColumnThenItIsIgnored() {
		ListPage<Row> page = VIEW.page(ROWS, Map.of("sort", "name; drop table admin_user", "dir", "sideways"));

		assertThat(page.rows()).extracting(Row::name).containsExactly("alpha", "beta", "gamma");
		assertThat(page.state().column()).isEqualTo("name");
	}

	@Test
	void whenFilteredThenOnlyMatchingRowsAndTheLinksKeepTheFilter() {
		ListPage<Row> page = VIEW.page(ROWS, Map.of("q", "A", "kind", "x"));

		assertThat(page.rows()).extracting(Row::name).containsExactly("beta", "gamma");
		assertThat(page.shown()).isEqualTo("2 of 3 shown");
		assertThat(page.filtered()).isTrue();
		assertThat(page.options()).containsEntry("kind", List.of("x", "y"));
		assertThat(page.state().sortHref("kind")).isEqualTo("/things?q=A&kind=x&sort=kind&dir=asc");
		assertThat(page.state().csvHref()).isEqualTo("/things.csv?q=A&kind=x&sort=name&dir=asc");
	}

	@Test
	void whenFilterMatchesNothingThenNoRowsAndFiltered() {
		ListPage<Row> page = VIEW.page(ROWS, Map.of("kind", "nothing-like-this"));

		assertThat(page.rows()).isEmpty();
		assertThat(page.filtered()).isTrue();
		assertThat(page.shown()).isEqualTo("0 of 3 shown");
	}

	@Test
	void whenHostileTextThenLinksEncodeIt() {
		ListPage<Row> page = VIEW.page(ROWS, Map.of("q", "\"><script>&x=1 +{y}"));

		assertThat(page.state().sortHref("name"))
			.isEqualTo("/things?q=%22%3E%3Cscript%3E%26x%3D1+%2B%7By%7D&sort=name&dir=desc");
	}

	@Test
	void whenPageOutOfRangeThenClampedToFirstOrLast() {
		List<Row> many = IntStream.range(0, 120).mapToObj((i) -> new Row("row-%03d".formatted(i), "x")).toList();

		ListPage<Row> last = VIEW.page(many, Map.of("page", "99"));
		ListPage<Row> first = VIEW.page(many, Map.of("page", "-3"));
		ListPage<Row> garbage = VIEW.page(many, Map.of("page", "two"));

		assertThat(last.paging().page()).isEqualTo(2);
		assertThat(last.rows()).extracting(Row::name)
			.containsExactly(IntStream.range(100, 120).mapToObj((i) -> "row-%03d".formatted(i)).toArray(String[]::new));
		assertThat(last.matching()).hasSize(120);
		assertThat(first.paging().page()).isZero();
		assertThat(first.rows()).hasSize(ListView.PAGE_SIZE);
		assertThat(garbage.paging().page()).isZero();
		assertThat(first.state().pageHref(1)).isEqualTo("/things?sort=name&dir=asc&page=1");
	}

}
