package io.keyward.api.gateway;

import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/**
 * The gateway's read API over its SCEP transactions, authenticated with a service token.
 */
@HttpExchange("/api/v1/transactions")
public interface EnrollmentLogClient {

	@GetExchange
	TransactionPage transactions(@RequestParam int page, @RequestParam int size);

}
