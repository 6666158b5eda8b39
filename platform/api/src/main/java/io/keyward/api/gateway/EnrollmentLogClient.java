package io.keyward.api.gateway;

import java.util.List;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * The gateway's API over its SCEP transactions and RA certificates, authenticated with a
 * service token.
 */
@HttpExchange("/api/v1")
public interface EnrollmentLogClient {

	@GetExchange("/transactions")
	TransactionPage transactions(@RequestParam int page, @RequestParam int size);

	@GetExchange("/transactions")
	TransactionPage transactions(@RequestParam int page, @RequestParam int size, @RequestParam String status);

	@PostExchange("/transactions/{id}/approve")
	EnrollmentTransaction approve(@PathVariable String id, @RequestBody ApprovalDecision decision);

	@PostExchange("/transactions/{id}/reject")
	EnrollmentTransaction reject(@PathVariable String id, @RequestBody ApprovalDecision decision);

	@GetExchange("/ra")
	List<RaCertificate> raCertificates();

}
