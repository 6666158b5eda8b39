package io.keyward.admin.enrollment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.keyward.admin.AdminProperties;
import io.keyward.admin.web.CsvDownload;
import io.keyward.admin.web.ListPage;
import io.keyward.admin.web.ListState;
import io.keyward.admin.web.Paging;
import io.keyward.admin.web.RemoteCall;
import io.keyward.admin.web.ServiceQuery;
import io.keyward.admin.web.Timestamps;
import io.keyward.api.gateway.Refusal;
import io.keyward.api.gateway.RefusalPage;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Every refusal the gateway keeps (requests refused before a transaction was recorded),
 * filtered, sorted and paged by the gateway in SQL, and its CSV: the list behind the
 * enrollments page's newest few. It looks and links as the other lists do
 * ({@code fragments/list.html}); the orders are a whitelist, so no text of the query
 * string becomes an order.
 */
@Controller
class RefusalsController {

	static final String PATH = "/refusals";

	private static final Set<String> COLUMNS = Set.of("time", "failInfo", "profile");

	private static final List<String> FILTERS = List.of("profile", "failInfo");

	private final Refusals refusals;

	private final AdminProperties properties;

	RefusalsController(Refusals refusals, AdminProperties properties) {
		this.refusals = refusals;
		this.properties = properties;
	}

	@GetMapping(PATH)
	String page(@RequestParam Map<String, String> query, Model model) {
		int size = this.properties.pageSize();
		ListState asked = state(query);
		RemoteCall<RefusalPage> call = query(asked, asked.page(), size).forPage();
		RefusalPage page = call.value();
		if (page != null && page.items().isEmpty() && asked.page() > 0 && page.total() > 0) {
			// past the last page: the last one, as every list clamps
			asked = at(asked, (int) ((page.total() - 1) / size));
			call = query(asked, asked.page(), size).forPage();
			page = call.value();
		}
		List<RefusalRow> rows = (page != null) ? page.items().stream().map(RefusalRow::of).toList() : List.of();
		long total = (page != null) ? page.total() : 0;
		Map<String, List<String>> options = new LinkedHashMap<>();
		options.put("profile", (page != null && page.profiles() != null) ? page.profiles() : List.of());
		options.put("failInfo", (page != null && page.failInfos() != null) ? page.failInfos() : List.of());
		model.addAttribute("list",
				new ListPage<>(rows, List.of(), total, new Paging(asked.page(), size, total), asked, options));
		model.addAttribute("problem", call.problem());
		return "refusals";
	}

	@GetMapping(PATH + ".csv")
	ResponseEntity<String> export(@RequestParam Map<String, String> query) {
		ListState asked = state(query);
		List<Refusal> all = new ArrayList<>();
		// the gateway keeps a bounded number (keyward.gateway.refusals.max-rows)
		for (int page = 0;; page++) {
			RefusalPage answer = query(asked, page, Refusals.MAX_SIZE).forApi();
			all.addAll(answer.items());
			if (answer.items().size() < Refusals.MAX_SIZE) {
				break;
			}
		}
		return CsvDownload.of("keyward-refusals.csv",
				List.of("occurred_at", "profile", "transaction_id", "message_type", "fail_info", "reason"), all,
				(refusal) -> List.of(Timestamps.utc(refusal.occurredAt()), text(refusal.profile()),
						text(refusal.transactionId()), text(refusal.messageType()), text(refusal.failInfo()),
						text(refusal.reason())));
	}

	private ServiceQuery<RefusalPage> query(ListState state, int page, int size) {
		return this.refusals.page(page, size, state.q().isEmpty() ? null : state.q(), state.filters().get("profile"),
				state.filters().get("failInfo"), state.column() + (state.descending() ? ":desc" : ":asc"));
	}

	/**
	 * The list's state as the query string asks: newest first unless a whitelisted column
	 * is named; an unknown column or a page that is no number is the default.
	 */
	static ListState state(Map<String, String> query) {
		Map<String, String> chosen = new LinkedHashMap<>();
		for (String filter : FILTERS) {
			String value = query.getOrDefault(filter, "").strip();
			if (!value.isEmpty()) {
				chosen.put(filter, value);
			}
		}
		String column = COLUMNS.contains(query.getOrDefault("sort", "")) ? query.get("sort") : "time";
		String dir = query.getOrDefault("dir", "");
		boolean descending = dir.equals("desc") || (!dir.equals("asc") && column.equals("time"));
		return new ListState(PATH, query.getOrDefault("q", "").strip(), chosen, column, descending,
				Paging.requested(number(query.get("page"))));
	}

	private static ListState at(ListState state, int page) {
		return new ListState(state.path(), state.q(), state.filters(), state.column(), state.descending(), page);
	}

	private static int number(String page) {
		try {
			return (page != null) ? Integer.parseInt(page.strip()) : 0;
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static String text(String value) {
		return (value != null) ? value : "";
	}

}
